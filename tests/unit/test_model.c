/* test_model.c: the model's names and the ownership of what its structs hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "util/xmalloc.h"

static void
test_status_names(void **state)
{
    (void)state;
    for (int s = 0; s < TS_COUNT; s++)
        assert_int_equal(ticket_status_from_name(ticket_status_name(s)), s);
    assert_string_equal(ticket_status_name(TS_ON_HOLD), "on-hold");
    assert_int_equal(ticket_status_from_name("on_hold"), TS_ON_HOLD);
    assert_int_equal(ticket_status_from_name("resolved"), -1);
    assert_int_equal(ticket_status_from_name(NULL), -1);
    assert_string_equal(ticket_status_name((enum ticket_status)99), "unknown");
}

static void
test_other_names(void **state)
{
    (void)state;
    for (int c = 0; c < CH_COUNT; c++)
        assert_int_equal(channel_from_name(channel_name(c)), c);
    for (int p = 0; p < TP_COUNT; p++)
        assert_int_equal(ticket_priority_from_name(ticket_priority_name(p)),
                         p);
    for (int k = 0; k < AK_COUNT; k++)
        assert_int_equal(author_kind_from_name(author_kind_name(k)), k);
    for (int s = 0; s < SS_COUNT; s++)
        assert_int_equal(ship_status_from_name(ship_status_name(s)), s);
    assert_int_equal(channel_from_name("WhatsApp"), -1); /* exact words */
    assert_string_equal(ship_status_name(SS_OUT_FOR_DELIVERY),
                        "out-for-delivery");
}

static void
test_ticket_ownership(void **state)
{
    struct ticket *t = xcalloc(1, sizeof *t);
    struct message *m;

    (void)state;
    t->subject = xstrdup("Paket fehlt");
    t->requester.name = xstrdup("Jonas");
    ticket_add_tag(t, "wismo");
    ticket_add_tag(t, "vip");
    m = ticket_add_message(t);
    m->body = xstrdup("Wo ist mein Paket?");
    m->attachments = xcalloc(1, sizeof *m->attachments);
    m->attachments[0].name = xstrdup("foto.jpg");
    m->n_attachments = 1;
    m = ticket_add_message(t);
    m->body = xstrdup("second");
    assert_int_equal(t->n_tags, 2);
    assert_int_equal(t->n_messages, 2);
    assert_string_equal(t->messages[0].body, "Wo ist mein Paket?");
    ticket_free(&t);
    assert_null(t);
    ticket_free(&t);    /* NULL-safe */
}

static void
test_order_shipment_clear(void **state)
{
    struct order o = { 0 };
    struct shipment s = { 0 };

    (void)state;
    o.number = xstrdup("#1001");
    o.items = xcalloc(1, sizeof *o.items);
    o.items[0].sku = xstrdup("SKU");
    o.n_items = 1;
    order_clear(&o);
    assert_null(o.number);
    assert_int_equal(o.n_items, 0);
    s.carrier = xstrdup("DHL");
    s.events = xcalloc(1, sizeof *s.events);
    s.events[0].location = xstrdup("Leipzig");
    s.n_events = 1;
    shipment_clear(&s);
    assert_null(s.carrier);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_other_names),
        cmocka_unit_test(test_ticket_ownership),
        cmocka_unit_test(test_order_shipment_clear),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
