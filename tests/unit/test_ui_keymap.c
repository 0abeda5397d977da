/* test_ui_keymap.c: key names, the compiled-in default.keys, binding lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "ui/actions.h"
#include "ui/keymap.h"
#include "util/buf.h"

/* keymaps/default.keys and the string compiled in must be the same. */
static void
test_default_in_sync(void **state)
{
    const char *dir = getenv("TTYDESK_DATADIR");
    char path[4096];
    struct buf b;
    char chunk[4096];
    size_t n;
    FILE *f;

    (void)state;
    snprintf(path, sizeof path, "%s/keymaps/default.keys", dir ? dir : ".");
    f = fopen(path, "r");
    assert_non_null(f);
    buf_init(&b, 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    assert_string_equal(keymap_default_text(), buf_str(&b));
    buf_free(&b);
}

/* Every function default.keys binds exists in the action table. */
static void
test_default_functions_exist(void **state)
{
    struct config *cfg = config_new();
    struct td_error err;

    (void)state;
    assert_int_equal(config_load_string(cfg, keymap_default_text(),
                                        "default.keys", &err), TD_OK);
    assert_int_equal(cfg->n_errors, 0);
    assert_true(cfg->n_binds > 40);
    for (size_t i = 0; i < cfg->n_binds; i++) {
        if (actions_find(cfg->binds[i].func) == NULL)
            fail_msg("default.keys binds unknown '%s'", cfg->binds[i].func);
    }
    config_free(&cfg);
}

/* vi.keys and emacs.keys load cleanly and name only real functions. */
static void
test_other_keymaps(void **state)
{
    const char *dir = getenv("TTYDESK_DATADIR");
    const char *names[] = { "vi", "emacs" };
    char path[4096];

    (void)state;
    for (size_t k = 0; k < 2; k++) {
        struct config *cfg = config_new();
        struct td_error err;

        snprintf(path, sizeof path, "%s/keymaps/%s.keys", dir ? dir : ".",
                 names[k]);
        assert_int_equal(config_load_file(cfg, path, &err), TD_OK);
        assert_int_equal(cfg->n_errors, 0);
        for (size_t i = 0; i < cfg->n_binds; i++) {
            if (cfg->binds[i].func && !actions_find(cfg->binds[i].func))
                fail_msg("%s.keys binds unknown '%s'", names[k],
                         cfg->binds[i].func);
        }
        config_free(&cfg);
    }
}

static void
test_tokens(void **state)
{
    const char *s = "gg<C-x><C-e> <Enter>日<lt>";
    const char *want[] = { "g", "g", "<C-x>", "<C-e>", "<Space>", "<Enter>",
                           "日", "<" };
    char k[32];
    size_t i = 0;

    (void)state;
    while (keymap_next(&s, k, sizeof k) > 0) {
        assert_true(i < sizeof want / sizeof want[0]);
        assert_string_equal(k, want[i]);
        i++;
    }
    assert_int_equal(i, sizeof want / sizeof want[0]);
    assert_true(keymap_is_text("j"));
    assert_true(keymap_is_text("<Space>"));
    assert_true(keymap_is_text("<"));
    assert_false(keymap_is_text("<C-s>"));
    assert_int_equal(keymap_from_curses(19, 0, k, sizeof k), 5);
    assert_string_equal(k, "<C-s>");
    keymap_from_curses(13, 0, k, sizeof k);
    assert_string_equal(k, "<Enter>");
}

static void
test_lookup(void **state)
{
    struct config *base = config_new(), *user = config_new();
    struct td_error err;
    const char *func, *macro;

    (void)state;
    config_load_string(base, keymap_default_text(), "default.keys", &err);
    assert_int_equal(keymap_lookup(user, base, "inbox", "q", 0, &func,
                                   &macro), KM_BIND);
    assert_string_equal(func, "quit");
    assert_int_equal(keymap_lookup(user, base, "thread", "q", 0, &func,
                                   &macro), KM_BIND);
    assert_string_equal(func, "back");
    /* global j, but the editor types it */
    assert_int_equal(keymap_lookup(user, base, "editor", "j", 1, &func,
                                   &macro), KM_NONE);
    assert_int_equal(keymap_lookup(user, base, "editor", "<C-x>", 1, &func,
                                   &macro), KM_PREFIX);
    assert_int_equal(keymap_lookup(user, base, "editor", "<C-x><C-e>", 1,
                                   &func, &macro), KM_BIND);
    assert_string_equal(func, "edit-external");
    /* the user's rc wins, unbind hides a default */
    config_exec_line(user, "bind inbox q view-all", NULL, 0, &err);
    config_exec_line(user, "unbind global j", NULL, 0, &err);
    config_exec_line(user, "macro inbox V \":view x<Enter>\" \"d\"", NULL, 0,
                     &err);
    assert_int_equal(keymap_lookup(user, base, "inbox", "q", 0, &func,
                                   &macro), KM_BIND);
    assert_string_equal(func, "view-all");
    assert_int_equal(keymap_lookup(user, base, "inbox", "j", 0, &func,
                                   &macro), KM_NONE);
    assert_int_equal(keymap_lookup(user, base, "inbox", "V", 0, &func,
                                   &macro), KM_MACRO);
    assert_string_equal(macro, ":view x<Enter>");
    config_free(&base);
    config_free(&user);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_in_sync),
        cmocka_unit_test(test_default_functions_exist),
        cmocka_unit_test(test_other_keymaps),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_lookup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
