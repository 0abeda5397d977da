# ttydesk: a keyboard-driven after-sales console.
# `make run` opens the console on the demo workspace; `make test` runs every
# suite. Both install the Debian packages a fresh machine lacks (make deps).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/ttydesk
MANDIR ?= $(PREFIX)/share/man
SAN ?= 0

ifeq ($(SAN),1)
BUILD := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT := -O1 -g
else
BUILD := build
SANFLAGS :=
OPT := -O2 -g
endif

VERSION := 0.1.0
CC ?= cc
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -Isrc -D_GNU_SOURCE -DTTYDESK_VERSION='"$(VERSION)"' \
	-DTTYDESK_DATADIR='"$(DATADIR)"'
CFLAGS += -std=c11 $(OPT) $(WARN) $(SANFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)

# pkg-config flags, written by tools/deps.sh after it installed what is missing.
NODEPS_GOALS := clean distclean help
ifeq ($(filter $(NODEPS_GOALS),$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

SRCS := $(shell find src -name '*.c' | sort)
MAIN_SRC := src/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(filter-out tests/fuzz/fuzz_util.c,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS := $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)
BIN := $(BUILD)/ttydesk

.PHONY: all deps run test bench install uninstall clean demo check-layers help fuzz

all: $(BIN)

help:
	@echo "make          build $(BIN)"
	@echo "make run      open the console on the demo workspace"
	@echo "make test     every test suite (SAN=1: under ASan+UBSan)"
	@echo "make bench    timings on a generated store of 100,000 tickets"
	@echo "make install  PREFIX=$(PREFIX)"
	@echo "make demo     regenerate demo/ with tools/demogen"

$(BUILD)/config.mk: tools/deps.sh
	@sh tools/deps.sh $@

deps:
	@sh tools/deps.sh $(BUILD)/config.mk

$(BUILD)/obj/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# Objects are linked directly, not through an archive: ar keys members by
# basename, and src/store/outbox.c and src/drivers/outbox.c would collide.
$(BIN): $(MAIN_OBJ) $(LIB_OBJS)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< \
		$(LIB_OBJS) $(PKG_LIBS) $(CMOCKA_LIBS) -lm

# Fuzz targets replay their saved corpus in `make test`; `make fuzz` runs
# libFuzzer (clang) on one of them: make fuzz FUZZ=query SECONDS=60
$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_util.c $(LIB_OBJS) $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) $(PKG_CFLAGS) -o $@ $< \
		tests/fuzz/replay.c tests/fuzz/fuzz_util.c $(LIB_OBJS) $(PKG_LIBS) -lm

FUZZ ?= query
SECONDS ?= 60
fuzz: $(BUILD)/config.mk
	@command -v clang >/dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	@mkdir -p build-fuzz/corpus-$(FUZZ)
	clang $(CPPFLAGS) -Itests/fuzz -std=c11 -g -O1 \
		-fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) \
		-o build-fuzz/fuzz_$(FUZZ) tests/fuzz/fuzz_$(FUZZ).c tests/fuzz/fuzz_util.c \
		$(LIB_SRCS) $(PKG_LIBS) -lm
	build-fuzz/fuzz_$(FUZZ) -max_total_time=$(SECONDS) \
		build-fuzz/corpus-$(FUZZ) tests/fuzz/corpus/$(FUZZ)

$(BUILD)/bench/%: bench/%.c $(LIB_OBJS) $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< \
		$(LIB_OBJS) $(PKG_LIBS) -lm

# `make run` keeps its state under .run/ so that trying ttydesk never
# touches an existing ~/.local/share/ttydesk; TTYDESK_HOME=$$HOME uses yours.
RUN_HOME ?= $(CURDIR)/.run
run: $(BIN)
	@mkdir -p $(RUN_HOME) && chmod 700 $(RUN_HOME)
	XDG_DATA_HOME=$(RUN_HOME)/data XDG_CONFIG_HOME=$(RUN_HOME)/config \
	XDG_STATE_HOME=$(RUN_HOME)/state TTYDESK_DATADIR=$(CURDIR) \
	$(BIN) $(ARGS)

check-layers:
	@sh tests/check-layers.sh

test: $(BIN) $(UNIT_BINS) $(FUZZ_BINS) check-layers
	@BUILD=$(BUILD) TTYDESK_DATADIR=$(CURDIR) sh tests/run.sh $(UNIT_BINS)

bench: $(BIN) $(BENCH_BINS)
	@BUILD=$(BUILD) sh bench/run.sh

demo:
	python3 -m tools.demogen demo

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes \
		$(DESTDIR)$(DATADIR)/keymaps $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/ttydesk
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	install -m 644 keymaps/*.keys $(DESTDIR)$(DATADIR)/keymaps/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 644 -D -t $(DESTDIR)$(DATADIR)/templates templates/*.tmpl
	install -m 644 -D -t $(DESTDIR)$(DATADIR)/mappings mappings/*.json
	install -m 644 -D -t $(DESTDIR)$(DATADIR)/rules rules/returns.rules
	install -m 644 -D -t $(DESTDIR)$(DATADIR)/models models/langid.bin \
		models/intent.model models/intent-lexicon.txt \
		models/intent-concepts.txt
	cp -R demo $(DESTDIR)$(DATADIR)/
	find $(DESTDIR)$(DATADIR)/demo -type d -exec chmod 755 {} + 
	find $(DESTDIR)$(DATADIR)/demo -type f -exec chmod 644 {} +

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ttydesk $(DESTDIR)$(MANDIR)/man1/ttydesk.1 \
		$(DESTDIR)$(MANDIR)/man5/ttydeskrc.5 \
		$(DESTDIR)$(MANDIR)/man5/ttydesk-templates.5 \
		$(DESTDIR)$(MANDIR)/man5/ttydesk-mapping.5 \
		$(DESTDIR)$(MANDIR)/man5/ttydesk-shops.5 \
		$(DESTDIR)$(MANDIR)/man7/ttydesk-keys.7
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz

-include $(shell find build build-san -name '*.d' 2>/dev/null)
