/* assist.c: the language and intent models loaded once, and the rules that
 * turn a thread of buyer messages into a ticket's language and intent. */
#include "core/assist.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/paths.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The text the intent of a ticket is judged on: the subject and the
 * buyer's first messages carry the request; later ones are cut. */
#define ASSIST_INTENT_TEXT 2048
/* A message's language is judged on its first this many bytes. */
#define ASSIST_LANG_TEXT 1024

enum td_status
assist_load(const char *share_dir, struct assist **out, struct td_error *err)
{
    struct assist *a = xcalloc(1, sizeof *a);
    char *lang = paths_join(share_dir, "models/langid.bin");
    char *model = paths_join(share_dir, "models/intent.model");
    char *lex = paths_join(share_dir, "models/intent-lexicon.txt");
    char *conc = paths_join(share_dir, "models/intent-concepts.txt");
    enum td_status rc;

    *out = NULL;
    rc = langid_load(lang, &a->lang, err);
    if (rc == TD_OK)
        rc = intent_load(model, lex, &a->intent, err);
    if (rc == TD_OK)
        rc = intent_load_concepts(a->intent, conc, err);
    free(conc);
    free(lang);
    free(model);
    free(lex);
    if (rc != TD_OK)
        assist_free(&a);
    *out = a;
    return rc;
}

void
assist_free(struct assist **p)
{
    if (p == NULL || *p == NULL)
        return;
    langid_free(&(*p)->lang);
    intent_free(&(*p)->intent);
    free(*p);
    *p = NULL;
}

void
assist_message(const struct assist *a, const char *text, size_t len,
               struct langid_result *res)
{
    if (text == NULL)
        len = 0;
    /* The start of a message says its language; a long mail with its
     * quoted history would only cost time. Cut at a character. */
    if (len > ASSIST_LANG_TEXT) {
        len = ASSIST_LANG_TEXT;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    langid_detect(a->lang, text ? text : "", len, res);
}

/* Country to language, for buyers whose messages say nothing (only "ok"
 * or an order number). Where a country has several languages the one
 * most shop mail is written in stands; the confidence says it is a guess. */
static const char *const country_langs[][2] = {
    { "AE", "ar" }, { "AR", "es" }, { "AT", "de" }, { "AU", "en" },
    { "BE", "fr" }, { "BH", "ar" }, { "BO", "es" }, { "BR", "pt" },
    { "CA", "en" }, { "CH", "de" }, { "CL", "es" }, { "CN", "zh" },
    { "CO", "es" }, { "CR", "es" }, { "CU", "es" }, { "DE", "de" },
    { "DO", "es" }, { "DZ", "ar" }, { "EC", "es" }, { "EG", "ar" },
    { "ES", "es" }, { "FR", "fr" }, { "GB", "en" }, { "GT", "es" },
    { "HK", "zh" }, { "ID", "id" }, { "IE", "en" }, { "IN", "hi" },
    { "IQ", "ar" }, { "IT", "it" }, { "JO", "ar" }, { "JP", "ja" },
    { "KR", "ko" }, { "KW", "ar" }, { "LB", "ar" }, { "LI", "de" },
    { "LU", "fr" }, { "MA", "ar" }, { "MC", "fr" }, { "MX", "es" },
    { "MY", "ms" }, { "NL", "nl" }, { "NZ", "en" }, { "OM", "ar" },
    { "PA", "es" }, { "PE", "es" }, { "PL", "pl" }, { "PT", "pt" },
    { "PY", "es" }, { "QA", "ar" }, { "RU", "ru" }, { "SA", "ar" },
    { "SG", "en" }, { "SM", "it" }, { "TH", "th" }, { "TN", "ar" },
    { "TR", "tr" }, { "TW", "zh" }, { "US", "en" }, { "UY", "es" },
    { "VE", "es" }, { "VN", "vi" }, { "ZA", "en" },
};

const char *
assist_country_lang(const char *country)
{
    if (country == NULL || strlen(country) != 2)
        return NULL;
    for (size_t i = 0; i < sizeof country_langs / sizeof *country_langs; i++)
        if (strcasecmp(country_langs[i][0], country) == 0)
            return country_langs[i][1];
    return NULL;
}

/* The primary subtag of a BCP 47 tag ("pt" of "pt-BR"), lower case, into
 * out; 0 when tag is not one ("", "unknown", too long). */
static int
primary_tag(const char *tag, char out[8])
{
    size_t n = 0;

    if (tag == NULL || strcasecmp(tag, LANGID_UNKNOWN) == 0)
        return 0;
    while (isalpha((unsigned char)tag[n]) && n < 3) {
        out[n] = (char)tolower((unsigned char)tag[n]);
        n++;
    }
    if (n < 2 || (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_'))
        return 0;
    out[n] = '\0';
    return 1;
}

static int
set_lang(struct assist_ticket_out *out, const char *lang, double conf)
{
    if (!primary_tag(lang, out->lang))
        return 0;
    out->lang_conf = conf;
    return 1;
}

/* The ticket's language, by the order in assist.h. */
static void
ticket_lang(const struct assist *a, const struct assist_ticket_in *in,
            struct assist_ticket_out *out)
{
    struct langid_result lr;

    for (size_t i = in->n_msgs; i-- > 0;)
        if (set_lang(out, in->msgs[i].lang, in->msgs[i].conf))
            return;
    if (in->subject) {
        assist_message(a, in->subject, strlen(in->subject), &lr);
        if (set_lang(out, lr.lang, lr.confidence))
            return;
    }
    if (set_lang(out, in->backend_lang, ASSIST_CONF_BACKEND) ||
        set_lang(out, in->locale, ASSIST_CONF_LOCALE) ||
        set_lang(out, assist_country_lang(in->country), ASSIST_CONF_COUNTRY))
        return;
    out->lang[0] = '\0';
    out->lang_conf = 0;
}

void
assist_ticket(const struct assist *a, const struct assist_ticket_in *in,
              struct assist_ticket_out *out)
{
    struct intent_result ir;
    struct buf text;

    memset(out, 0, sizeof *out);
    ticket_lang(a, in, out);
    buf_init(&text, ASSIST_INTENT_TEXT);
    if (in->subject)
        (void)buf_printf(&text, "%s\n", in->subject);
    for (size_t i = 0; i < in->n_msgs && text.len < ASSIST_INTENT_TEXT; i++) {
        const char *b = in->msgs[i].body ? in->msgs[i].body : "";
        size_t room = ASSIST_INTENT_TEXT - text.len;
        size_t n = strlen(b);

        (void)buf_add(&text, b, n < room ? n : room);
        (void)buf_addc(&text, '\n');
    }
    intent_classify(a->intent, buf_str(&text), text.len,
                    out->lang[0] ? out->lang : LANGID_UNKNOWN, &ir);
    out->intent = ir.label;
    out->intent_conf = ir.confidence;
    buf_free(&text);
}
