/* ordermatch.h: order numbers and tracking numbers written in a buyer's
 * message, to match a ticket to its orders and parcels. */
#ifndef TD_ORDERMATCH_H
#define TD_ORDERMATCH_H

#include <stddef.h>

/* What a text mentions; the strings are owned, without duplicates. */
struct order_refs {
    char **numbers;         /* "1001", "WC-1234": without a leading '#' */
    size_t n_numbers;
    char **tracking;        /* "1Z999AA10123456784", "LX123456789CN" */
    size_t n_tracking;
};

/* Add what text mentions to r (which may hold earlier finds). An order
 * number is a '#' followed by 3 to 12 digits (#1001), a shop prefix
 * (WC-1234, SO-88812), or 3 to 12 digits after the word "order" in one of
 * the demo languages (order 1001, pedido nº 1001, Bestellung 1001,
 * 注文番号 1001, ...). A tracking number is a UPU S10 code (LX123456789CN),
 * a UPS 1Z code, a run of 10 to 22 digits (dashes between groups
 * allowed: 4321-8765-0001), or a carrier's letters-and-digits code
 * of 10 to 30 characters with at least 8 digits (YT2412345678901234). */
void ordermatch_scan(const char *text, struct order_refs *r);

/* Add one number or tracking code (as an agent typed it), normalised. */
void order_refs_add_number(struct order_refs *r, const char *number);
void order_refs_add_tracking(struct order_refs *r, const char *code);

void order_refs_clear(struct order_refs *r);

#endif
