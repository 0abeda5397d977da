/* tlocale.h: the small locale tables templates need (dates, money, parcel
 * words, carrier links, return windows), so that ttydesk needs no ICU. */
#ifndef TD_TLOCALE_H
#define TD_TLOCALE_H

#include <time.h>

#include "core/model.h"
#include "util/buf.h"

/* Append the calendar date of t in time zone tz (IANA name; NULL or ""
 * = UTC) as a buyer writing lang would: "25 de noviembre de 2026",
 * "2026年11月25日". locale (BCP 47, may be NULL) only refines the order
 * within a language ("November 25, 2026" for en-US). Languages without a
 * table get ISO "2026-11-25". */
void tlocale_date(struct buf *out, time_t t, const char *lang,
                  const char *locale, const char *tz);

/* Append a decimal amount with its currency as lang writes it: "$34.90",
 * "101,70 €", "R$ 249,90", "¥3,490". amount is a decimal string as shops
 * send it; one that is not a plain number is appended unchanged. */
void tlocale_money(struct buf *out, const char *amount, const char *currency,
                   const char *lang);

/* A parcel status as a buyer reads it in lang ("en tránsito", "配達済み");
 * English for languages without a table. */
const char *tlocale_ship_status(enum ship_status s, const char *lang);

/* The carrier's public tracking page for number, NULL when the carrier is
 * not in the table. Owned result; number is URL-escaped. */
char *tlocale_tracking_url(const char *carrier, const char *number);

/* Days a buyer in country (ISO 3166-1 alpha-2) has to return an item after
 * delivery: 14 in the EU, EEA and UK (the statutory withdrawal period),
 * 30 elsewhere (the shop's own policy). */
int tlocale_return_days(const char *country);

/* 1 if a and b name the same language tag, ignoring case and '-' vs '_'. */
int tlocale_tag_eq(const char *a, const char *b);
/* Length of the primary language subtag of tag ("pt" in "pt-BR"). */
size_t tlocale_primary_len(const char *tag);

#endif
