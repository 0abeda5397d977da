/* test_timport.c: converting backends' placeholders, writing imported
 * templates (kept edits, updates), importing through a driver's
 * list_canned slot, the library's file operations and finding unfilled
 * tags in a reply. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/template.h"
#include "core/tfile.h"
#include "core/timport.h"
#include "core/trender.h"
#include "core/tscan.h"
#include "drivers/cimport.h"
#include "drivers/driver.h"
#include "util/xmalloc.h"

/* Convert body from driver; the result must check as our syntax. */
static void
assert_conv(const char *driver, const char *body, const char *want,
            const char *unknown)
{
    struct trender_list unk = { 0 }, errs = { 0 };
    struct buf out;
    struct buf names;

    buf_init(&out, 0);
    timport_convert(driver, body, &out, &unk);
    if (strcmp(buf_str(&out), want) != 0)
        printf("# %s: got [%s]\n", driver, buf_str(&out));
    assert_string_equal(buf_str(&out), want);
    assert_int_equal(trender_check(buf_str(&out), "t", 1, &errs), 0);
    buf_init(&names, 0);
    for (size_t i = 0; i < unk.n; i++)
        (void)buf_printf(&names, "%s%s", i ? "," : "", unk.v[i]);
    assert_string_equal(buf_str(&names), unknown ? unknown : "");
    buf_free(&names);
    buf_free(&out);
    trender_list_free(&unk);
    trender_list_free(&errs);
}

static void
test_zendesk(void **state)
{
    (void)state;
    assert_conv("zendesk",
                "Hi {{ticket.requester.first_name}}, ticket {{ticket.id}}.\n"
                "{{current_user.name}}",
                "Hi {{customer.first_name}}, ticket {{ticket.id}}.\n"
                "{{agent.name}}", NULL);
    /* A Liquid filter is display only; a tag we lack becomes a prompt,
     * Liquid logic too. */
    assert_conv("zendesk",
                "{{ ticket.requester.name | capitalize }} "
                "{{ticket.priority}} {% if x %}y{% endif %}",
                "{{customer.name}} {{?zendesk.ticket.priority}} "
                "{{?zendesk.liquid}}y{{?zendesk.liquid}}",
                "zendesk.ticket.priority,zendesk.liquid");
}

static void
test_freshdesk(void **state)
{
    (void)state;
    assert_conv("freshdesk",
                "Dear {{ticket.requester.name}},\r\n\r\nRegards,\r\n"
                "{{ticket.agent.name}} ({{ticket.portal_url}})",
                "Dear {{customer.name}},\n\nRegards,\n{{agent.name}} "
                "({{?freshdesk.ticket.portal_url}})",
                "freshdesk.ticket.portal_url");
}

static void
test_chatwoot(void **state)
{
    (void)state;
    assert_conv("chatwoot",
                "Hi {{contact.name}}, I'm {{agent.name}} (#{{conversation.id}})"
                " {{contact.phone_number}}",
                "Hi {{customer.name}}, I'm {{agent.name}} (#{{ticket.id}}) "
                "{{?chatwoot.contact.phone_number}}",
                "chatwoot.contact.phone_number");
}

static void
test_zammad(void **state)
{
    (void)state;
    assert_conv("zammad",
                "Hallo #{ticket.customer.firstname},\n#{user.firstname} "
                "zu Ticket #{ticket.number} #{config.fqdn} #{broken\n"
                "{{not ours}} #x",
                "Hallo {{customer.first_name}},\n{{agent.first_name}} "
                "zu Ticket {{ticket.id}} {{?zammad.config.fqdn}} #{broken\n"
                "\\{{not ours}} #x",
                "zammad.config.fqdn");
}

static void
test_escapes_and_ours(void **state)
{
    (void)state;
    /* Braces that are no placeholder, and a line our parser would take
     * for a section, come through as text. */
    assert_conv("zendesk", "a {{ b\n[en]\n[OK] fine\n{{}}",
                "a \\{{ b\n [en]\n[OK] fine\n\\{{}}", NULL);
    /* Our own syntax (the local backend) is kept as written. */
    assert_conv("local",
                "{{customer.first_name || \"there\"}} {{?coupon}} "
                "{{#if tracking}}{{tracking.url}}{{/if}} {{nope}}",
                "{{customer.first_name || \"there\"}} {{?coupon}} "
                "{{#if tracking}}{{tracking.url}}{{/if}} {{?local.nope}}",
                "local.nope");
    /* Tags that do not add up: every brace becomes literal. */
    assert_conv("local", "{{#if tracking}} never closed",
                "\\{{#if tracking}} never closed", NULL);
}

static char *
tmpdir(void)
{
    char *d = xstrdup("/tmp/ttydesk-timport-XXXXXX");

    assert_non_null(mkdtemp(d));
    return d;
}

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *s = xcalloc(1, 65536);

    assert_non_null(f);
    (void)!fread(s, 1, 65535, f);
    fclose(f);
    return s;
}

static void
load(struct tpl_library *lib, const char *dir)
{
    tpl_library_free(lib);
    memset(lib, 0, sizeof *lib);
    tpl_library_add_dir(lib, dir);
    assert_int_equal(lib->errors.n, 0);
}

static void
test_write(void **state)
{
    char *dir = tmpdir(), *id = NULL, *path, *text;
    struct tpl_library lib = { 0 };
    struct timport_item it = {
        .origin = "zendesk:eu:17",
        .driver = "zendesk",
        .title = "Where is it?\nNow",
        .folder = "Shipping",
        .lang = "de",
        .body = "Hallo {{customer.first_name}}\n",
    };
    enum timport_action act;
    struct td_error err;
    FILE *f;

    (void)state;
    load(&lib, dir);
    /* Dry run: a name, nothing on disk. */
    assert_int_equal(timport_write(&lib, dir, &it, 1, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_NEW);
    assert_string_equal(id, "where-is-it-now");
    path = xasprintf("%s/where-is-it-now.tmpl", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    free(id);
    assert_int_equal(timport_write(&lib, dir, &it, 0, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_NEW);
    free(id);
    load(&lib, dir);
    assert_int_equal(lib.n, 1);
    assert_string_equal(lib.items[0]->origin, "zendesk:eu:17");
    assert_string_equal(lib.items[0]->name, "Where is it? Now");
    assert_string_equal(lib.items[0]->variants[0].lang, "de");
    /* Again: unchanged. Upstream changes: updated. */
    assert_int_equal(timport_write(&lib, dir, &it, 0, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_SAME);
    free(id);
    it.body = "Hallo {{customer.first_name}}, neu\n";
    assert_int_equal(timport_write(&lib, dir, &it, 0, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_UPDATED);
    free(id);
    load(&lib, dir);
    assert_string_equal(lib.items[0]->variants[0].body,
                        "Hallo {{customer.first_name}}, neu");
    /* The agent edits the text: later imports leave it alone. */
    text = slurp(path);
    f = fopen(path, "w");
    fprintf(f, "%s\nGrüße\n", text);
    fclose(f);
    free(text);
    load(&lib, dir);
    it.body = "ganz anders\n";
    assert_int_equal(timport_write(&lib, dir, &it, 0, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_KEPT);
    free(id);
    text = slurp(path);
    assert_non_null(strstr(text, "Grüße"));
    assert_null(strstr(text, "ganz anders"));
    free(text);
    /* Another reply with the same title gets its own name. */
    it.origin = "zendesk:eu:18";
    assert_int_equal(timport_write(&lib, dir, &it, 0, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_NEW);
    assert_string_equal(id, "where-is-it-now-zendesk-18");
    free(id);
    /* An empty body is skipped. */
    it.origin = "zendesk:eu:19";
    it.body = "  \n";
    assert_int_equal(timport_write(&lib, dir, &it, 0, &act, &id, &err),
                     TD_OK);
    assert_int_equal(act, TIMPORT_SKIPPED);
    free(id);
    tpl_library_free(&lib);
    free(path);
    path = xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
    free(path);
    free(dir);
}

static void
test_tfile(void **state)
{
    char *user = tmpdir(), *ship = tmpdir(), *path = NULL, *cmd;
    struct tpl_library lib = { 0 };
    struct td_error err;
    FILE *f;

    (void)state;
    cmd = xasprintf("%s/thanks.tmpl", ship);
    f = fopen(cmd, "w");
    fputs("name = Thanks\ncode = thx\n[en]\nThanks!\n", f);
    fclose(f);
    free(cmd);
    chmod(user, 0700);
#define RELOAD()                                                          \
    do {                                                                  \
        tpl_library_free(&lib);                                           \
        memset(&lib, 0, sizeof lib);                                      \
        tpl_library_add_dir(&lib, user);                                  \
        tpl_library_add_dir(&lib, ship);                                  \
    } while (0)
    RELOAD();
    assert_false(tfile_valid_id("Bad Name"));
    assert_false(tfile_valid_id("../x"));
    assert_true(tfile_valid_id("size-exchange_2"));
    assert_int_equal(tfile_create(&lib, user, "thx", "de", &path, &err),
                     TD_ECONFLICT);
    assert_int_equal(tfile_create(&lib, user, "a/b", "de", &path, &err),
                     TD_EINVAL);
    assert_int_equal(tfile_create(&lib, user, "coupon", "de", &path, &err),
                     TD_OK);
    free(path);
    RELOAD();
    assert_int_equal(lib.errors.n, 0);
    assert_string_equal(tpl_library_find(&lib, "coupon")->variants[0].lang,
                        "de");
    /* Editing a shipped one copies it first, the shipped file stays. */
    assert_int_equal(tfile_writable(&lib, user, "thx", &path, &err), TD_OK);
    assert_non_null(strstr(path, user));
    free(path);
    RELOAD();
    assert_non_null(strstr(tpl_library_find(&lib, "thanks")->path, user));
    assert_int_equal(tfile_delete(&lib, user, "thanks", &err), TD_OK);
    RELOAD();
    assert_non_null(strstr(tpl_library_find(&lib, "thanks")->path, ship));
    assert_int_equal(tfile_delete(&lib, user, "thanks", &err), TD_EPERM);
    assert_int_equal(tfile_rename(&lib, user, "coupon", "thanks", &err),
                     TD_ECONFLICT);
    assert_int_equal(tfile_rename(&lib, user, "coupon", "goodwill", &err),
                     TD_OK);
    RELOAD();
    assert_null(tpl_library_find(&lib, "coupon"));
    assert_non_null(tpl_library_find(&lib, "goodwill"));
    tpl_library_free(&lib);
    cmd = xasprintf("rm -rf '%s' '%s'", user, ship);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(user);
    free(ship);
}

/* The tags tscan finds in text, joined by '|'. */
static void
assert_tags(const char *text, const char *want)
{
    struct trender_list l = { 0 };
    struct buf b;

    tscan_all(text, strlen(text), &l);
    buf_init(&b, 0);
    for (size_t i = 0; i < l.n; i++)
        (void)buf_printf(&b, "%s%s", i ? "|" : "", l.v[i]);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
    trender_list_free(&l);
}

static void
test_tscan(void **state)
{
    size_t s, e;

    (void)state;
    assert_tags("no tags { at all }}", "");
    assert_tags("Hi {{customer.first_name || \"x\"}}, {{?refund_amount}} "
                "{{ order.number }}",
                "{{customer.first_name || \"x\"}}|{{?refund_amount}}|"
                "{{ order.number }}");
    /* Braces that are not ours are text; a tag does not cross lines. */
    assert_tags("{{foo}} {{order.number\n}} {{}} {{ }}", "");
    assert_tags("{{{{order.number}}", "{{order.number}}");
    /* A buyer's name that holds a tag still blocks: it would reach the
     * buyer as "{{agent.name}}" otherwise. */
    assert_tags("Dear {{agent.name}} }}{{?x", "{{agent.name}}");
    assert_int_equal(tscan_next("ab {{?x}}", 9, 0, &s, &e), 1);
    assert_int_equal(s, 3);
    assert_int_equal(e, 9);
    assert_int_equal(tscan_next("ab {{?x}}", 9, 4, &s, &e), 0);
}

/* A backend that lists Zendesk macros the way the Zendesk driver hands
 * them over: the comment text, HTML or plain, in Zendesk's syntax. */
static enum td_status
fake_list_canned(struct account *a, struct canned_list *out,
                 struct td_error *err)
{
    (void)a;
    (void)err;
    canned_list_add(out, "360001", "Where is my order?",
                    "<p>Hi {{ticket.requester.first_name}},</p>"
                    "<p>about ticket {{ticket.id}}: it is on its way.</p>"
                    "<p>{{current_user.name}}</p>", "Shipping");
    canned_list_add(out, "360002", "Escalate",
                    "Priority {{ticket.priority}}, {{ticket.requester.name}}",
                    NULL);
    canned_list_add(out, NULL, "no id", "skipped", NULL);
    canned_list_add(out, "360003", "Empty", "", NULL);
    return TD_OK;
}

static const struct driver fake_zendesk = {
    .name = "zendesk",
    .desc = "test double",
    .list_canned = fake_list_canned,
};

static const struct driver no_canned = {
    .name = "plain",
    .desc = "test double without canned replies",
};

static void
test_import(void **state)
{
    char *dir = xstrdup("/tmp/ttydesk-cimport-XXXXXX"), *text, *cmd;
    struct account a = { .name = "eu", .drv = &fake_zendesk };
    struct tpl_library lib = { 0 };
    struct cimport_report rep;
    struct td_error err;

    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(cimport_run(&a, &lib, dir, "de", 0, &rep, &err), TD_OK);
    assert_int_equal(rep.n, 3);
    assert_int_equal(rep.n_new, 2);
    assert_int_equal(rep.n_skipped, 1);
    assert_string_equal(rep.v[0].id, "where-is-my-order");
    assert_string_equal(rep.v[0].origin, "zendesk:eu:360001");
    assert_null(rep.v[0].unknown);
    assert_string_equal(rep.v[1].unknown, "?zendesk.ticket.priority");
    cimport_report_free(&rep);

    cmd = xasprintf("%s/where-is-my-order.tmpl", dir);
    text = slurp(cmd);
    free(cmd);
    assert_non_null(strstr(text, "origin = zendesk:eu:360001\n"));
    assert_non_null(strstr(text, "description = Shipping, imported from "
                                 "zendesk\n"));
    /* HTML became text; placeholders became ours. */
    assert_non_null(strstr(text, "[de]\nHi {{customer.first_name}},\n"));
    assert_non_null(strstr(text, "about ticket {{ticket.id}}: it is on its "
                                 "way."));
    assert_non_null(strstr(text, "{{agent.name}}"));
    assert_null(strstr(text, "<p>"));
    free(text);

    /* The library loads them without a complaint; a second run over it
     * finds nothing new. */
    tpl_library_add_dir(&lib, dir);
    assert_int_equal(lib.errors.n, 0);
    assert_int_equal(lib.n, 2);
    assert_int_equal(cimport_run(&a, &lib, dir, "de", 0, &rep, &err), TD_OK);
    assert_int_equal(rep.n_new, 0);
    assert_int_equal(rep.n_same, 2);
    cimport_report_free(&rep);
    tpl_library_free(&lib);

    a.drv = &no_canned;
    assert_int_equal(cimport_run(&a, &lib, dir, "de", 0, &rep, &err),
                     TD_ENOTSUP);
    assert_non_null(strstr(err.msg, "no canned replies"));
    cimport_report_free(&rep);
    cmd = xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zendesk),
        cmocka_unit_test(test_freshdesk),
        cmocka_unit_test(test_chatwoot),
        cmocka_unit_test(test_zammad),
        cmocka_unit_test(test_escapes_and_ours),
        cmocka_unit_test(test_write),
        cmocka_unit_test(test_tfile),
        cmocka_unit_test(test_tscan),
        cmocka_unit_test(test_import),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
