# corpus.sh: replay every fuzz target's saved corpus (make fuzz finds new ones).
set -u
BUILD=${BUILD:-build}
n=0
fail=0
for dir in tests/fuzz/corpus/*/; do
    name=$(basename "$dir")
    n=$((n + 1))
    if out=$("$BUILD/fuzz/replay_$name" "$name" "$dir" 2>&1); then
        echo "$out" | sed "s/^ok 1 /ok $n /"
    else
        fail=1
        echo "not ok $n - fuzz corpus $name"
        echo "$out" | tail -15 | sed 's/^/#   /'
    fi
done
echo "1..$n"
exit $fail
