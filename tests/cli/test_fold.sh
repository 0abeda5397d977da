# test_fold.sh: search finds what buyers type alike: the Turkish dotless
# i, Vietnamese đ, the Arabic alef forms and teh marbuta, in either
# direction (the tokenizer folds documents and queries the same way).
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

count() {
    "$B" list --json "$1" 2>/dev/null |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}
for pair in "hasarlı hasarli" "hasarlı HASARLI" "أحمد احمد" "Đức duc" \
             "Đức đức" "نورة نوره"; do
    set -- $pair
    a=$(count "$1")
    b=$(count "$2")
    if [ "$a" -gt 0 ] && [ "$a" = "$b" ]; then
        pass "'$2' finds what '$1' finds ($a tickets)"
    else fail "'$2' vs '$1'" "$b vs $a"; fi
done
finish
