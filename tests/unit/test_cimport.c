/* test_cimport.c: `template import` from a driver's list_canned slot to
 * files in the library: conversion by the driver's name, HTML bodies,
 * the report, and drivers without canned replies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/template.h"
#include "drivers/cimport.h"
#include "drivers/driver.h"
#include "util/xmalloc.h"

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
        cmocka_unit_test(test_import),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
