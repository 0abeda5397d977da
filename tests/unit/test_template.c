/* test_template.c: the .tmpl format, the {{...}} language, the variables,
 * variant choice, the library and the shipped templates. */
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
#include "core/tlocale.h"
#include "core/trender.h"
#include "core/tvars.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* A German buyer with an order and a delivered parcel. */
struct fixture {
    struct ticket t;
    struct order o;
    struct shipment s;
    struct tvars v;
};

static time_t
iso(const char *s)
{
    time_t t = 0;

    assert_int_equal(time_parse_iso(s, &t), 0);
    return t;
}

static void
fixture_init(struct fixture *f, int with_order, int with_parcel)
{
    memset(f, 0, sizeof *f);
    f->t.id = 42;
    f->t.external_id = xstrdup("1001");
    f->t.subject = xstrdup("Paket fehlt");
    f->t.channel = CH_EMAIL;
    f->t.language = xstrdup("de");
    f->t.requester.name = xstrdup("Jonas Weber");
    f->t.requester.email = xstrdup("jonas@example.de");
    f->t.requester.country = xstrdup("DE");
    f->t.requester.locale = xstrdup("de-DE");
    f->o.number = xstrdup("#1001");
    f->o.created_at = iso("2026-11-01T10:00:00Z");
    f->o.status = xstrdup("open");
    f->o.currency = xstrdup("EUR");
    f->o.total = xstrdup("1234.50");
    f->o.ship_country = xstrdup("DE");
    f->o.items = xcalloc(2, sizeof *f->o.items);
    f->o.items[0].name = xstrdup("Lampe");
    f->o.items[0].quantity = 2;
    f->o.items[1].name = xstrdup("Kabel");
    f->o.items[1].quantity = 1;
    f->o.n_items = 2;
    f->s.carrier = xstrdup("DHL");
    f->s.tracking_number = xstrdup("JD0001");
    f->s.status = SS_DELIVERED;
    f->s.eta = iso("2026-11-05T00:00:00Z");
    f->s.events = xcalloc(2, sizeof *f->s.events);
    f->s.events[0].time = iso("2026-11-02T08:00:00Z");
    f->s.events[0].status = SS_IN_TRANSIT;
    f->s.events[0].description = xstrdup("Picked up");
    f->s.events[0].location = xstrdup("Leipzig, DE");
    f->s.events[1].time = iso("2026-11-04T15:00:00Z");
    f->s.events[1].status = SS_DELIVERED;
    f->s.events[1].description = xstrdup("Delivered");
    f->s.events[1].location = xstrdup("Berlin, DE");
    f->s.n_events = 2;
    tvars_build(&f->v, &f->t, with_order ? &f->o : NULL,
                with_parcel ? &f->s : NULL, "Maya Cohen",
                iso("2026-11-25T06:00:00Z"));
}

static void
fixture_free(struct fixture *f)
{
    tvars_clear(&f->v);
    ticket_clear(&f->t);
    order_clear(&f->o);
    shipment_clear(&f->s);
}

/* Render body in lang; returns the text (owned) and fills the lists. */
static char *
render(const char *body, const struct tvars *v, const char *lang,
       struct trender *r)
{
    struct td_error err;

    memset(r, 0, sizeof *r);
    assert_int_equal(trender_run(body, v, lang, r, &err), TD_OK);
    return xstrdup(buf_str(&r->text));
}

static void
assert_render(const char *body, const struct tvars *v, const char *lang,
              const char *want)
{
    struct trender r;
    char *got = render(body, v, lang, &r);

    assert_string_equal(got, want);
    assert_int_equal(r.missing.n, 0);
    assert_int_equal(r.inputs.n, 0);
    free(got);
    trender_free(&r);
}

static const char good_file[] =
    "# where is my order\n"
    "name = Where is my order\n"
    "code = wis\n"
    "description = Status and link\n"
    "intent = wismo\n"
    "tags = shipping, tracking ,\n"
    "status = pending\n"
    "type = note\n"
    "approved = whatsapp, line\n"
    "\n"
    "[en]\n"
    "\n"
    "Hi {{customer.first_name || \"there\"}},\n"
    "\n"
    "[pt-BR]\r\n"
    "Olá!\r\n"
    "\n\n";

static void
test_parse_good(void **state)
{
    struct trender_list errs = { 0 };
    struct template *t;

    (void)state;
    t = template_parse("/x/wismo.tmpl", good_file, &errs);
    assert_non_null(t);
    assert_int_equal(errs.n, 0);
    assert_string_equal(t->id, "wismo");
    assert_string_equal(t->name, "Where is my order");
    assert_string_equal(t->code, "wis");
    assert_string_equal(t->description, "Status and link");
    assert_string_equal(t->intent, "wismo");
    assert_int_equal(t->n_tags, 2);
    assert_string_equal(t->tags[1], "tracking");
    assert_int_equal(t->status, TS_PENDING);
    assert_int_equal(t->is_note, 1);
    assert_true(template_channel_ok(t, CH_WHATSAPP));
    assert_true(template_channel_ok(t, CH_EMAIL));
    assert_int_equal(t->n_variants, 2);
    assert_string_equal(t->variants[0].lang, "en");
    /* The blank line after [en] is trimmed and the body starts on 13. */
    assert_int_equal(t->variants[0].line, 13);
    assert_string_equal(t->variants[0].body,
                        "Hi {{customer.first_name || \"there\"}},");
    assert_string_equal(t->variants[1].lang, "pt-BR");
    assert_string_equal(t->variants[1].body, "Olá!");
    template_free(&t);
    assert_null(t);
    template_free(&t);
}

static void
test_parse_errors(void **state)
{
    static const char bad[] =
        "name = x\n"                                /* 1 */
        "staus = pending\n"                         /* 2 */
        "status = later\n"                          /* 3 */
        "type = secret\n"                           /* 4 */
        "approved = whatsapp, pigeon\n"             /* 5 */
        "just words\n"                              /* 6 */
        "name = y\n"                                /* 7 */
        "[en]\n"                                    /* 8 */
        "Hi {{custmer.name}},\n"                    /* 9 */
        "{{#if tracking}}\n"                        /* 10 */
        "open {{ order.number\n"                    /* 11 */
        "{{/unless}}\n"                             /* 12 */
        "{{else}}\n"                                /* 13 */
        "{{#each items}}\n"                         /* 14 */
        "{{order.number || \"x\" || order.total}}\n"  /* 15 */
        "{{#if nonsense}}{{/if}}\n"                 /* 16 */
        "[en]\n"                                    /* 17 */
        "again\n"                                   /* 18 */
        "[de]\n"                                    /* 19 */
        "\n"                                        /* 20 */
        "[fr]\n"                                    /* 21 */
        "{{#if order}}\n"                           /* 22 */
        "Bonjour\n";                                /* 23 */
    static const char *const want[] = {
        "t.tmpl:2: unknown key 'staus' (name, code, description, intent, "
        "tags, status, type, approved, origin, imported)",
        "t.tmpl:3: unknown status 'later' (new, open, pending, on-hold, "
        "solved, closed or none)",
        "t.tmpl:4: type is 'public' or 'note', not 'secret'",
        "t.tmpl:5: unknown channel 'pigeon' in approved",
        "t.tmpl:6: expected 'key = value' or a section such as [en]",
        "t.tmpl:7: 'name' is given twice; the last one counts",
        "t.tmpl:9: unknown variable 'custmer.name' (see "
        "ttydesk-templates(5))",
        "t.tmpl:11: '{{' is not closed by '}}' on its line (write \\{{ for "
        "a literal)",
        "t.tmpl:12: {{/unless}} closes the {{#if}} of line 10",
        "t.tmpl:13: {{else}} outside {{#if}} or {{#unless}}",
        "t.tmpl:14: unknown block (only #if, #unless, else, /if, /unless)",
        "t.tmpl:15: a \"text\" fallback must come last",
        "t.tmpl:16: unknown condition 'nonsense' (a variable, ?prompt or "
        "group)",
        "t.tmpl:17: section [en] appears twice; the first one counts",
        "t.tmpl:19: section [de] is empty",
        "t.tmpl:22: {{#if}} is never closed by {{/if}}",
    };
    struct trender_list errs = { 0 };
    struct template *t = template_parse("t.tmpl", bad, &errs);

    (void)state;
    assert_non_null(t);     /* what parsed is still usable */
    for (size_t i = 0; i < errs.n; i++)
        printf("# %s\n", errs.v[i]);
    assert_int_equal(errs.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < errs.n; i++)
        assert_string_equal(errs.v[i], want[i]);
    assert_string_equal(t->name, "y");
    assert_int_equal(t->n_variants, 3);
    assert_string_equal(t->variants[0].body + strlen(t->variants[0].body) - 23,
                        "{{#if nonsense}}{{/if}}");
    template_free(&t);
    trender_list_free(&errs);

    /* Errors and sections are capped; a refusal still says why. */
    {
        struct buf big;

        buf_init(&big, 0);
        for (int i = 0; i < 100; i++)
            (void)buf_printf(&big, "bad%d\n", i);
        for (int i = 0; i < 70; i++)
            (void)buf_printf(&big, "[x%c%c]\nhi\n", 'a' + i / 26,
                             'a' + i % 26);
        t = template_parse("big.tmpl", buf_str(&big), &errs);
        assert_int_equal(errs.n, 20);
        assert_int_equal(t->n_variants, 64);
        template_free(&t);
        trender_list_free(&errs);
        buf_free(&big);
    }
    t = template_parse("empty.tmpl", "name = nothing\n# only a header\n",
                       &errs);
    assert_null(t);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.v[0],
                        "empty.tmpl:2: no language section such as [en]");
    trender_list_free(&errs);
}

static void
test_every_variable(void **state)
{
    static const char *const want[TV_COUNT] = {
        [TV_CUSTOMER_NAME] = "Jonas Weber",
        [TV_CUSTOMER_FIRST_NAME] = "Jonas",
        [TV_CUSTOMER_EMAIL] = "jonas@example.de",
        [TV_CUSTOMER_COUNTRY] = "DE",
        [TV_AGENT_NAME] = "Maya Cohen",
        [TV_AGENT_FIRST_NAME] = "Maya",
        [TV_TICKET_ID] = "1001",
        [TV_TICKET_SUBJECT] = "Paket fehlt",
        [TV_TICKET_CHANNEL] = "email",
        [TV_ORDER_NUMBER] = "#1001",
        [TV_ORDER_DATE] = "1. November 2026",
        [TV_ORDER_TOTAL] = "1.234,50 €",
        [TV_ORDER_STATUS] = "open",
        [TV_ORDER_ITEMS] = "2 × Lampe, Kabel",
        [TV_TRACKING_NUMBER] = "JD0001",
        [TV_TRACKING_CARRIER] = "DHL",
        [TV_TRACKING_URL] = "https://www.dhl.com/global-en/home/tracking.html"
                            "?tracking-id=JD0001",
        [TV_TRACKING_STATUS] = "zugestellt",
        [TV_TRACKING_LAST_CHECKPOINT] = "Delivered, Berlin, DE",
        [TV_TRACKING_LAST_DATE] = "4. November 2026",
        [TV_TRACKING_ETA] = "5. November 2026",
        [TV_TRACKING_DELIVERED] = "4. November 2026",
        [TV_RETURN_DAYS] = "14",
        [TV_RETURN_DEADLINE] = "18. November 2026",
        [TV_TODAY] = "25. November 2026",
    };
    struct fixture f;
    size_t n;
    const struct tvar_def *defs = tvars_table(&n);

    (void)state;
    fixture_init(&f, 1, 1);
    assert_int_equal(n, TV_COUNT);
    for (size_t i = 0; i < n; i++) {
        char *body = xasprintf("{{%s}}", defs[i].name);

        assert_int_equal(tvars_find(defs[i].name, strlen(defs[i].name)),
                         (int)i);
        assert_non_null(want[i]);
        assert_render(body, &f.v, "de", want[i]);
        free(body);
    }
    /* The same values written for a Japanese and an Arabic reader. */
    assert_render("{{order.total}} {{tracking.status}} {{return.deadline}}",
                  &f.v, "ja", "€1,234.50 配達完了 2026年11月18日");
    assert_render("{{tracking.eta}}", &f.v, "ar", "5 نوفمبر 2026");
    fixture_free(&f);
}

/* A parcel stuck past its expected day: the day is not written to the
 * buyer as a promise; before it passes, or once delivered, it is. */
static void
test_eta_passed(void **state)
{
    struct fixture f;

    (void)state;
    fixture_init(&f, 1, 1);
    f.s.status = SS_CUSTOMS;
    f.s.n_events = 1;
    tvars_clear(&f.v);
    tvars_build(&f.v, &f.t, &f.o, &f.s, "Maya Cohen",
                iso("2026-11-25T06:00:00Z"));
    assert_render("{{#if tracking.eta}}by {{tracking.eta}}{{else}}soon"
                  "{{/if}}", &f.v, "en", "soon");
    assert_render("{{tracking.eta || \"no date\"}}", &f.v, "en",
                  "no date");
    /* The expected day itself, even late in it west of UTC, still is. */
    tvars_clear(&f.v);
    tvars_build(&f.v, &f.t, &f.o, &f.s, "Maya Cohen",
                iso("2026-11-05T20:00:00Z"));
    assert_render("{{#if tracking.eta}}by {{tracking.eta}}{{else}}soon"
                  "{{/if}}", &f.v, "en", "by 5 November 2026");
    f.s.n_events = 2;       /* so that both events are freed */
    fixture_free(&f);
}

static void
test_names(void **state)
{
    struct ticket t = { 0 };
    struct tvars v = { 0 };

    (void)state;
    t.requester.name = xstrdup("Lê Văn Nam");
    t.requester.locale = xstrdup("vi-VN");
    tvars_build(&v, &t, NULL, NULL, NULL, 0);
    assert_string_equal(v.text[TV_CUSTOMER_FIRST_NAME], "Nam");
    assert_null(v.text[TV_AGENT_NAME]);
    tvars_clear(&v);
    ticket_clear(&t);
    t.requester.name = xstrdup("松本 直樹");
    tvars_build(&v, &t, NULL, NULL, NULL, 0);
    assert_null(v.text[TV_CUSTOMER_FIRST_NAME]);
    assert_string_equal(v.text[TV_CUSTOMER_NAME], "松本 直樹");
    /* The store id stands in when the backend has none. */
    assert_string_equal(v.text[TV_TICKET_ID], "0");
    tvars_clear(&v);
    ticket_clear(&t);
}

static void
test_fallbacks(void **state)
{
    struct fixture f;
    struct trender r;
    char *got;

    (void)state;
    fixture_init(&f, 0, 0);
    xfree_str(&f.v.text[TV_CUSTOMER_FIRST_NAME]);
    assert_render("Hi {{customer.first_name || \"there\"}},", &f.v, "en",
                  "Hi there,");
    assert_render("Hi {{ customer.first_name || customer.name || \"x\" }}",
                  &f.v, "en", "Hi Jonas Weber");
    assert_render("{{order.number || \"your order\"}}", &f.v, "en",
                  "your order");
    assert_render("{{order.number || \"say \\\"hi\\\" \\\\ }}\"}}", &f.v,
                  "en", "say \"hi\" \\ }}");
    assert_render("{{tracking.eta || \"\"}}.", &f.v, "en", ".");
    /* A fallback may be a prompt; the prompt is then what is missing. */
    got = render("{{order.number || ?order}}", &f.v, "en", &r);
    assert_string_equal(got, "{{order.number || ?order}}");
    assert_int_equal(r.missing.n, 0);
    assert_int_equal(r.inputs.n, 1);
    assert_string_equal(r.inputs.v[0], "order");
    free(got);
    trender_free(&r);
    tvars_set(&f.v, "order=#5");
    assert_render("{{order.number || ?order}}", &f.v, "en", "#5");
    fixture_free(&f);
}

static void
test_prompts(void **state)
{
    static const char body[] =
        "Refund of {{?refund_amount}} for {{order.number}}."
        "{{#if ?note}} {{?note}}{{/if}}";
    struct fixture f;
    struct trender r;
    struct trender_list names = { 0 };
    char *got;

    (void)state;
    fixture_init(&f, 1, 0);
    trender_prompts(body, &names);
    assert_int_equal(names.n, 2);
    assert_string_equal(names.v[0], "refund_amount");
    assert_string_equal(names.v[1], "note");    /* from {{#if ?note}} */
    trender_list_free(&names);

    got = render(body, &f.v, "en", &r);
    assert_string_equal(got, "Refund of {{?refund_amount}} for #1001.");
    assert_int_equal(r.inputs.n, 1);
    assert_string_equal(r.inputs.v[0], "refund_amount");
    assert_int_equal(r.missing.n, 0);
    free(got);
    trender_free(&r);

    assert_int_equal(tvars_set(&f.v, "refund_amount=12,00 €"), 0);
    assert_int_equal(tvars_set(&f.v, "?note=Sorry again."), 0);
    assert_int_equal(tvars_set(&f.v, "refund_amount=15,00 €"), 0);
    assert_int_equal(tvars_set(&f.v, "no equals sign"), -1);
    assert_int_equal(tvars_set(&f.v, "=x"), -1);
    assert_render(body, &f.v, "en",
                  "Refund of 15,00 € for #1001. Sorry again.");
    /* --var also overrides a variable, written as given. */
    assert_int_equal(tvars_set(&f.v, "order.number=A-7"), 0);
    assert_int_equal(tvars_set(&f.v, "order.date=tomorrow"), 0);
    assert_render("{{order.number}} {{order.date}}", &f.v, "en",
                  "A-7 tomorrow");
    fixture_free(&f);
}

static void
test_conditionals(void **state)
{
    static const char body[] =
        "Hello\n"
        "{{#if tracking}}\n"
        "  Parcel {{tracking.number}}\n"
        "  {{#unless delivered}}\n"
        "  on its way\n"
        "  {{else}}\n"
        "  delivered {{tracking.delivered}}\n"
        "  {{/unless}}\n"
        "{{else}}\n"
        "Not shipped{{#if order}} ({{order.number}}){{/if}}.\n"
        "{{/if}}\n"
        "Bye";
    struct fixture f;

    (void)state;
    fixture_init(&f, 1, 1);
    assert_render(body, &f.v, "en",
                  "Hello\n  Parcel JD0001\n  delivered 4 November 2026\n"
                  "Bye");
    fixture_free(&f);
    fixture_init(&f, 1, 0);
    assert_render(body, &f.v, "en", "Hello\nNot shipped (#1001).\nBye");
    fixture_free(&f);
    fixture_init(&f, 0, 0);
    /* Missing data in a branch not taken is not missing. */
    assert_render(body, &f.v, "en", "Hello\nNot shipped.\nBye");
    assert_render("a{{#if tracking}}b{{else}}c{{/if}}d", &f.v, "en", "acd");
    assert_render("{{#unless order}}none{{/unless}}", &f.v, "en", "none");
    fixture_free(&f);
}

static void
test_missing(void **state)
{
    struct fixture f;
    struct trender r;
    char *got;

    (void)state;
    fixture_init(&f, 0, 0);
    got = render("Order {{order.number}}, {{tracking.url}} "
                 "{{order.number}}", &f.v, "en", &r);
    /* The tags stay as written, for the editor to highlight. */
    assert_string_equal(got, "Order {{order.number}}, {{tracking.url}} "
                             "{{order.number}}");
    assert_int_equal(r.missing.n, 2);
    assert_string_equal(r.missing.v[0], "order.number");
    assert_string_equal(r.missing.v[1], "tracking.url");
    free(got);
    trender_free(&r);
    /* No return deadline before the parcel is delivered. */
    got = render("{{return.deadline}}", &f.v, "en", &r);
    assert_int_equal(r.missing.n, 1);
    free(got);
    trender_free(&r);
    fixture_free(&f);
}

static void
test_hostile_values(void **state)
{
    struct fixture f;

    (void)state;
    fixture_init(&f, 1, 1);
    xfree_str(&f.v.text[TV_CUSTOMER_NAME]);
    f.v.text[TV_CUSTOMER_NAME] = xstrdup("{{agent.name}} {{#if x}}\\{{");
    xfree_str(&f.v.text[TV_TICKET_SUBJECT]);
    f.v.text[TV_TICKET_SUBJECT] = xstrdup("}} {{?refund_amount}} {{{{");
    assert_int_equal(tvars_set(&f.v, "note={{customer.email}}"), 0);
    assert_render("[{{customer.name}}] [{{ticket.subject}}] [{{?note}}]",
                  &f.v, "en",
                  "[{{agent.name}} {{#if x}}\\{{] "
                  "[}} {{?refund_amount}} {{{{] [{{customer.email}}]");
    /* ...and a fallback's text is not expanded either. */
    assert_render("{{order.status || \"x\"}}{{tracking.eta || \"{{y}}\"}}",
                  &f.v, "en", "open5 November 2026");
    /* A value that looks like a prompt or a section is neither: only the
     * body's own prompt is asked for, and the text keeps both. */
    {
        struct trender r;
        char *got;

        xfree_str(&f.v.text[TV_ORDER_NUMBER]);
        f.v.text[TV_ORDER_NUMBER] = xstrdup("{{?order_secret}}\n[en]\n}}");
        got = render("{{order.number}} {{?refund_amount}}", &f.v, "en", &r);
        assert_string_equal(got, "{{?order_secret}}\n[en]\n}} "
                            "{{?refund_amount}}");
        assert_int_equal(r.inputs.n, 1);
        assert_string_equal(r.inputs.v[0], "refund_amount");
        assert_int_equal(r.missing.n, 0);
        free(got);
        trender_free(&r);
    }
    /* An answer that names its own prompt, or holds "||" and quotes, is
     * written once as it is: no loop, no second pass. */
    assert_int_equal(tvars_set(&f.v, "?loop={{?loop}} || \"x\" }}"), 0);
    assert_render("[{{?loop}}] [{{?loop || \"y\"}}]", &f.v, "en",
                  "[{{?loop}} || \"x\" }}] [{{?loop}} || \"x\" }}]");
    fixture_free(&f);
}

static void
test_escapes(void **state)
{
    struct fixture f;

    (void)state;
    fixture_init(&f, 0, 0);
    assert_render("\\{{customer.name}} and {{{{order.number}}", &f.v, "en",
                  "{{customer.name}} and {{order.number}}");
    assert_render("a \\ b } }} {", &f.v, "en", "a \\ b } }} {");
    fixture_free(&f);
}

/* Pick among variants given as "en,pt-BR"; returns the chosen tag. */
static void
assert_pick(const char *langs, const char *want, const char *locale,
            const char *def, const char *chosen, const char *why)
{
    struct template t = { 0 };
    struct buf b;
    char *copy = xstrdup(langs), *p = copy;
    size_t i;

    t.variants = xcalloc(8, sizeof *t.variants);
    while (*p) {
        size_t n = strcspn(p, ",");

        t.variants[t.n_variants++].lang = xstrndup(p, n);
        p += n + (p[n] == ',');
    }
    buf_init(&b, 0);
    i = template_pick(&t, want, locale, def, &b);
    assert_string_equal(t.variants[i].lang, chosen);
    assert_string_equal(buf_str(&b), why);
    buf_free(&b);
    for (i = 0; i < t.n_variants; i++)
        free(t.variants[i].lang);
    free(t.variants);
    free(copy);
}

static void
test_variant_choice(void **state)
{
    (void)state;
    assert_pick("en,pt-BR", "pt", "pt-BR", "en", "pt-BR",
                "used pt-BR, the buyer's locale");
    assert_pick("en,pt", "pt-BR", NULL, "en", "pt", "pt-BR not found, used pt");
    assert_pick("en,pt", "pt", "pt-BR", "en", "pt",
                "pt-BR not found, used pt");
    assert_pick("en,pt-BR", "pt", "pt-PT", "en", "pt-BR",
                "pt-PT not found, pt not found, used pt-BR, the closest "
                "variant in that language");
    assert_pick("en,es", "ES", NULL, "en", "es", "used es");
    assert_pick("en,de", "it", "it-IT", "de", "de",
                "it-IT not found, it not found, used de, the default "
                "language");
    assert_pick("es,EN", "it", NULL, "fr", "EN",
                "it not found, fr not found, used EN, the last resort");
    assert_pick("es,ja", "it", NULL, "fr", "es",
                "it not found, fr not found, en not found, used es, the "
                "template's first section");
    assert_pick("en,ja", NULL, NULL, "ja", "ja",
                "the ticket has no language, used ja, the default language");
    assert_pick("en,ja", NULL, "ja-JP", "en", "ja",
                "ja-JP not found, used ja");
    /* Asked for English with an English locale of another region. */
    assert_pick("en-GB,en", "en", "en-GB", "en", "en-GB",
                "used en-GB, the buyer's locale");
}

static void
test_template_render(void **state)
{
    static const char file[] =
        "[en]\nHi {{customer.first_name}}, {{?refund_amount}} for "
        "{{order.number}}\n"
        "[de]\nHallo {{customer.first_name}}, {{?refund_amount}} für "
        "{{order.number}}\n";
    struct trender_list errs = { 0 };
    struct template *t = template_parse("r.tmpl", file, &errs);
    struct fixture f;
    struct tpl_result r;
    struct td_error err;

    (void)state;
    assert_int_equal(errs.n, 0);
    fixture_init(&f, 0, 0);
    assert_int_equal(template_render(t, &f.v, "de", "en", &r, &err),
                     TD_EINVAL);
    assert_string_equal(err.msg, "unresolved: order.number; needs input: "
                                 "?refund_amount");
    assert_string_equal(r.variant->lang, "de");
    assert_string_equal(r.why, "de-DE not found, used de");
    tpl_result_free(&r);
    tvars_set(&f.v, "refund_amount=5 €");
    tvars_set(&f.v, "order.number=#9");
    assert_int_equal(template_render(t, &f.v, NULL, "en", &r, &err), TD_OK);
    assert_string_equal(buf_str(&r.r.text), "Hallo Jonas, 5 € für #9");
    tpl_result_free(&r);
    fixture_free(&f);
    template_free(&t);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

static void
test_library(void **state)
{
    char tmp[] = "/tmp/ttydesk-tpl.XXXXXX";
    struct tpl_library lib = { 0 };
    char *a, *b, *p;

    (void)state;
    assert_non_null(mkdtemp(tmp));
    a = xasprintf("%s/a", tmp);
    b = xasprintf("%s/b", tmp);
    mkdir(a, 0700);
    mkdir(b, 0700);
    write_file(a, "thanks.tmpl", "name = Mine\ncode = t\n[en]\nCheers!\n");
    write_file(b, "thanks.tmpl", "name = Shipped\n[en]\nThanks!\n");
    write_file(b, "broken.tmpl", "nothing here\n");
    write_file(b, "alpha.tmpl", "[en]\nA\n");
    write_file(b, "notes.txt", "[en]\nignored\n");
    tpl_library_add_dir(&lib, a);
    tpl_library_add_dir(&lib, b);
    tpl_library_add_dir(&lib, "/nonexistent/dir");
    assert_int_equal(lib.n, 2);
    assert_string_equal(lib.items[0]->id, "alpha");
    assert_string_equal(lib.items[1]->name, "Mine");
    assert_ptr_equal(tpl_library_find(&lib, "t"), lib.items[1]);
    assert_null(tpl_library_find(&lib, "nope"));
    assert_int_equal(lib.errors.n, 2);
    assert_non_null(strstr(lib.errors.v[0], "broken.tmpl:1: expected"));
    assert_non_null(strstr(lib.errors.v[1], "broken.tmpl:1: no language"));
    tpl_library_free(&lib);
    p = xasprintf("rm -rf '%s'", tmp);
    assert_int_equal(system(p), 0);
    free(p);
    free(a);
    free(b);
}

/* Every shipped template parses cleanly, has the seven languages and
 * renders ready to send in each with full data and its prompts filled. */
static void
test_shipped(void **state)
{
    static const char *const langs[] = { "en", "es", "de", "fr", "pt",
                                         "ja", "ar" };
    const char *share = getenv("TTYDESK_DATADIR");
    char *dir = xasprintf("%s/templates", share ? share : ".");
    struct tpl_library lib = { 0 };
    struct fixture f;

    (void)state;
    tpl_library_add_dir(&lib, dir);
    for (size_t i = 0; i < lib.errors.n; i++)
        printf("# %s\n", lib.errors.v[i]);
    assert_int_equal(lib.errors.n, 0);
    assert_int_equal(lib.n, 10);
    for (int full = 0; full < 3; full++) {
        fixture_init(&f, full > 0, full > 1);
        tvars_set(&f.v, "refund_amount=10 €");
        tvars_set(&f.v, "new_address=Hauptstr. 1, Berlin");
        tvars_set(&f.v, "payment_link=https://pay.example/1");
        if (full == 0)
            tvars_set(&f.v, "order.number=#77");
        for (size_t i = 0; i < lib.n; i++) {
            const struct template *t = lib.items[i];

            assert_non_null(t->code);
            assert_non_null(t->description);
            for (size_t k = 0; k < sizeof langs / sizeof langs[0]; k++) {
                struct tpl_result r;
                struct td_error err;
                enum td_status rc;

                rc = template_render(t, &f.v, langs[k], "en", &r, &err);
                if (rc != TD_OK)
                    printf("# %s [%s]: %s\n", t->id, langs[k], err.msg);
                assert_int_equal(rc, TD_OK);
                assert_int_equal(tlocale_primary_len(r.variant->lang), 2);
                assert_memory_equal(r.variant->lang, langs[k], 2);
                assert_null(strstr(buf_str(&r.r.text), "{{"));
                assert_null(strstr(buf_str(&r.r.text), "\n\n\n"));
                tpl_result_free(&r);
            }
        }
        fixture_free(&f);
    }
    tpl_library_free(&lib);
    free(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_every_variable),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_fallbacks),
        cmocka_unit_test(test_prompts),
        cmocka_unit_test(test_conditionals),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_hostile_values),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_variant_choice),
        cmocka_unit_test(test_template_render),
        cmocka_unit_test(test_eta_passed),
        cmocka_unit_test(test_library),
        cmocka_unit_test(test_shipped),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
