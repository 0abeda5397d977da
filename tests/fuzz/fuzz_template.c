/* fuzz_template.c: any .tmpl text parses or is refused with reasons, and
 * every variant it keeps renders, without crashing, leaking or expanding
 * a value. */
#include <stdlib.h>
#include <string.h>

#include "core/template.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    struct trender_list errs = { 0 };
    struct template *t = template_parse("fuzz.tmpl", text, &errs);
    struct ticket tk = { 0 };
    struct tvars v = { 0 };

    tk.requester.name = "{{customer.name}} \\{{ {{#if order}}";
    tk.requester.locale = "pt-BR";
    tk.language = "pt";
    tk.subject = "}}{{";
    tvars_build(&v, &tk, NULL, NULL, "{{agent.name}}", 1);
    (void)tvars_set(&v, "refund_amount={{?refund_amount}}");
    if (t == NULL && errs.n == 0)
        abort();                        /* a refusal says why */
    for (size_t i = 0; t && i < t->n_variants; i++) {
        struct tpl_result r;
        struct td_error err;
        struct trender_list vars = { 0 };
        enum td_status rc;

        trender_prompts(t->variants[i].body, &vars);
        trender_list_free(&vars);
        rc = template_render(t, &v, t->variants[i].lang, "en", &r, &err);
        if (rc == TD_EPARSE) {
            /* Only a body the parser already reported can fail here. */
            if (errs.n == 0)
                abort();
            continue;
        }
        if (r.variant == NULL || r.why == NULL ||
            (rc == TD_OK && (r.r.missing.n || r.r.inputs.n)))
            abort();
        tpl_result_free(&r);
    }
    template_free(&t);
    trender_list_free(&errs);
    tvars_clear(&v);
    free(text);
    return 0;
}
