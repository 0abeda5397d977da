/* buyertime.c: the buyer's time zone from the backend or their country. */
#include "core/buyertime.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct country_zone {
    const char *cc;
    const char *zone;
    int several;
};

/*
 * ISO 3166-1 country -> the zone a shop would guess for a buyer there,
 * and whether the country has several clocks (its zones disagree in
 * January or July), in which case the guess is shown as one. Made from
 * tzdata's zone.tab by tools/gen_countrytz.py (rerun it when a country
 * changes its clocks); sorted by code for bsearch.
 */
static const struct country_zone countries[] = {
    {"AD", "Europe/Andorra", 0},
    {"AE", "Asia/Dubai", 0},
    {"AF", "Asia/Kabul", 0},
    {"AG", "America/Antigua", 0},
    {"AI", "America/Anguilla", 0},
    {"AL", "Europe/Tirane", 0},
    {"AM", "Asia/Yerevan", 0},
    {"AO", "Africa/Luanda", 0},
    {"AQ", "Antarctica/McMurdo", 1},
    {"AR", "America/Argentina/Buenos_Aires", 0},
    {"AS", "Pacific/Pago_Pago", 0},
    {"AT", "Europe/Vienna", 0},
    {"AU", "Australia/Sydney", 1},
    {"AW", "America/Aruba", 0},
    {"AX", "Europe/Mariehamn", 0},
    {"AZ", "Asia/Baku", 0},
    {"BA", "Europe/Sarajevo", 0},
    {"BB", "America/Barbados", 0},
    {"BD", "Asia/Dhaka", 0},
    {"BE", "Europe/Brussels", 0},
    {"BF", "Africa/Ouagadougou", 0},
    {"BG", "Europe/Sofia", 0},
    {"BH", "Asia/Bahrain", 0},
    {"BI", "Africa/Bujumbura", 0},
    {"BJ", "Africa/Porto-Novo", 0},
    {"BL", "America/St_Barthelemy", 0},
    {"BM", "Atlantic/Bermuda", 0},
    {"BN", "Asia/Brunei", 0},
    {"BO", "America/La_Paz", 0},
    {"BQ", "America/Kralendijk", 0},
    {"BR", "America/Sao_Paulo", 1},
    {"BS", "America/Nassau", 0},
    {"BT", "Asia/Thimphu", 0},
    {"BW", "Africa/Gaborone", 0},
    {"BY", "Europe/Minsk", 0},
    {"BZ", "America/Belize", 0},
    {"CA", "America/Toronto", 1},
    {"CC", "Indian/Cocos", 0},
    {"CD", "Africa/Kinshasa", 1},
    {"CF", "Africa/Bangui", 0},
    {"CG", "Africa/Brazzaville", 0},
    {"CH", "Europe/Zurich", 0},
    {"CI", "Africa/Abidjan", 0},
    {"CK", "Pacific/Rarotonga", 0},
    {"CL", "America/Santiago", 1},
    {"CM", "Africa/Douala", 0},
    {"CN", "Asia/Shanghai", 1},
    {"CO", "America/Bogota", 0},
    {"CR", "America/Costa_Rica", 0},
    {"CU", "America/Havana", 0},
    {"CV", "Atlantic/Cape_Verde", 0},
    {"CW", "America/Curacao", 0},
    {"CX", "Indian/Christmas", 0},
    {"CY", "Asia/Nicosia", 0},
    {"CZ", "Europe/Prague", 0},
    {"DE", "Europe/Berlin", 0},
    {"DJ", "Africa/Djibouti", 0},
    {"DK", "Europe/Copenhagen", 0},
    {"DM", "America/Dominica", 0},
    {"DO", "America/Santo_Domingo", 0},
    {"DZ", "Africa/Algiers", 0},
    {"EC", "America/Guayaquil", 1},
    {"EE", "Europe/Tallinn", 0},
    {"EG", "Africa/Cairo", 0},
    {"EH", "Africa/El_Aaiun", 0},
    {"ER", "Africa/Asmara", 0},
    {"ES", "Europe/Madrid", 1},
    {"ET", "Africa/Addis_Ababa", 0},
    {"FI", "Europe/Helsinki", 0},
    {"FJ", "Pacific/Fiji", 0},
    {"FK", "Atlantic/Stanley", 0},
    {"FM", "Pacific/Pohnpei", 1},
    {"FO", "Atlantic/Faroe", 0},
    {"FR", "Europe/Paris", 0},
    {"GA", "Africa/Libreville", 0},
    {"GB", "Europe/London", 0},
    {"GD", "America/Grenada", 0},
    {"GE", "Asia/Tbilisi", 0},
    {"GF", "America/Cayenne", 0},
    {"GG", "Europe/Guernsey", 0},
    {"GH", "Africa/Accra", 0},
    {"GI", "Europe/Gibraltar", 0},
    {"GL", "America/Nuuk", 1},
    {"GM", "Africa/Banjul", 0},
    {"GN", "Africa/Conakry", 0},
    {"GP", "America/Guadeloupe", 0},
    {"GQ", "Africa/Malabo", 0},
    {"GR", "Europe/Athens", 0},
    {"GS", "Atlantic/South_Georgia", 0},
    {"GT", "America/Guatemala", 0},
    {"GU", "Pacific/Guam", 0},
    {"GW", "Africa/Bissau", 0},
    {"GY", "America/Guyana", 0},
    {"HK", "Asia/Hong_Kong", 0},
    {"HN", "America/Tegucigalpa", 0},
    {"HR", "Europe/Zagreb", 0},
    {"HT", "America/Port-au-Prince", 0},
    {"HU", "Europe/Budapest", 0},
    {"ID", "Asia/Jakarta", 1},
    {"IE", "Europe/Dublin", 0},
    {"IL", "Asia/Jerusalem", 0},
    {"IM", "Europe/Isle_of_Man", 0},
    {"IN", "Asia/Kolkata", 0},
    {"IO", "Indian/Chagos", 0},
    {"IQ", "Asia/Baghdad", 0},
    {"IR", "Asia/Tehran", 0},
    {"IS", "Atlantic/Reykjavik", 0},
    {"IT", "Europe/Rome", 0},
    {"JE", "Europe/Jersey", 0},
    {"JM", "America/Jamaica", 0},
    {"JO", "Asia/Amman", 0},
    {"JP", "Asia/Tokyo", 0},
    {"KE", "Africa/Nairobi", 0},
    {"KG", "Asia/Bishkek", 0},
    {"KH", "Asia/Phnom_Penh", 0},
    {"KI", "Pacific/Tarawa", 1},
    {"KM", "Indian/Comoro", 0},
    {"KN", "America/St_Kitts", 0},
    {"KP", "Asia/Pyongyang", 0},
    {"KR", "Asia/Seoul", 0},
    {"KW", "Asia/Kuwait", 0},
    {"KY", "America/Cayman", 0},
    {"KZ", "Asia/Almaty", 0},
    {"LA", "Asia/Vientiane", 0},
    {"LB", "Asia/Beirut", 0},
    {"LC", "America/St_Lucia", 0},
    {"LI", "Europe/Vaduz", 0},
    {"LK", "Asia/Colombo", 0},
    {"LR", "Africa/Monrovia", 0},
    {"LS", "Africa/Maseru", 0},
    {"LT", "Europe/Vilnius", 0},
    {"LU", "Europe/Luxembourg", 0},
    {"LV", "Europe/Riga", 0},
    {"LY", "Africa/Tripoli", 0},
    {"MA", "Africa/Casablanca", 0},
    {"MC", "Europe/Monaco", 0},
    {"MD", "Europe/Chisinau", 0},
    {"ME", "Europe/Podgorica", 0},
    {"MF", "America/Marigot", 0},
    {"MG", "Indian/Antananarivo", 0},
    {"MH", "Pacific/Majuro", 0},
    {"MK", "Europe/Skopje", 0},
    {"ML", "Africa/Bamako", 0},
    {"MM", "Asia/Yangon", 0},
    {"MN", "Asia/Ulaanbaatar", 1},
    {"MO", "Asia/Macau", 0},
    {"MP", "Pacific/Saipan", 0},
    {"MQ", "America/Martinique", 0},
    {"MR", "Africa/Nouakchott", 0},
    {"MS", "America/Montserrat", 0},
    {"MT", "Europe/Malta", 0},
    {"MU", "Indian/Mauritius", 0},
    {"MV", "Indian/Maldives", 0},
    {"MW", "Africa/Blantyre", 0},
    {"MX", "America/Mexico_City", 1},
    {"MY", "Asia/Kuala_Lumpur", 0},
    {"MZ", "Africa/Maputo", 0},
    {"NA", "Africa/Windhoek", 0},
    {"NC", "Pacific/Noumea", 0},
    {"NE", "Africa/Niamey", 0},
    {"NF", "Pacific/Norfolk", 0},
    {"NG", "Africa/Lagos", 0},
    {"NI", "America/Managua", 0},
    {"NL", "Europe/Amsterdam", 0},
    {"NO", "Europe/Oslo", 0},
    {"NP", "Asia/Kathmandu", 0},
    {"NR", "Pacific/Nauru", 0},
    {"NU", "Pacific/Niue", 0},
    {"NZ", "Pacific/Auckland", 1},
    {"OM", "Asia/Muscat", 0},
    {"PA", "America/Panama", 0},
    {"PE", "America/Lima", 0},
    {"PF", "Pacific/Tahiti", 1},
    {"PG", "Pacific/Port_Moresby", 1},
    {"PH", "Asia/Manila", 0},
    {"PK", "Asia/Karachi", 0},
    {"PL", "Europe/Warsaw", 0},
    {"PM", "America/Miquelon", 0},
    {"PN", "Pacific/Pitcairn", 0},
    {"PR", "America/Puerto_Rico", 0},
    {"PS", "Asia/Gaza", 0},
    {"PT", "Europe/Lisbon", 1},
    {"PW", "Pacific/Palau", 0},
    {"PY", "America/Asuncion", 0},
    {"QA", "Asia/Qatar", 0},
    {"RE", "Indian/Reunion", 0},
    {"RO", "Europe/Bucharest", 0},
    {"RS", "Europe/Belgrade", 0},
    {"RU", "Europe/Moscow", 1},
    {"RW", "Africa/Kigali", 0},
    {"SA", "Asia/Riyadh", 0},
    {"SB", "Pacific/Guadalcanal", 0},
    {"SC", "Indian/Mahe", 0},
    {"SD", "Africa/Khartoum", 0},
    {"SE", "Europe/Stockholm", 0},
    {"SG", "Asia/Singapore", 0},
    {"SH", "Atlantic/St_Helena", 0},
    {"SI", "Europe/Ljubljana", 0},
    {"SJ", "Arctic/Longyearbyen", 0},
    {"SK", "Europe/Bratislava", 0},
    {"SL", "Africa/Freetown", 0},
    {"SM", "Europe/San_Marino", 0},
    {"SN", "Africa/Dakar", 0},
    {"SO", "Africa/Mogadishu", 0},
    {"SR", "America/Paramaribo", 0},
    {"SS", "Africa/Juba", 0},
    {"ST", "Africa/Sao_Tome", 0},
    {"SV", "America/El_Salvador", 0},
    {"SX", "America/Lower_Princes", 0},
    {"SY", "Asia/Damascus", 0},
    {"SZ", "Africa/Mbabane", 0},
    {"TC", "America/Grand_Turk", 0},
    {"TD", "Africa/Ndjamena", 0},
    {"TF", "Indian/Kerguelen", 0},
    {"TG", "Africa/Lome", 0},
    {"TH", "Asia/Bangkok", 0},
    {"TJ", "Asia/Dushanbe", 0},
    {"TK", "Pacific/Fakaofo", 0},
    {"TL", "Asia/Dili", 0},
    {"TM", "Asia/Ashgabat", 0},
    {"TN", "Africa/Tunis", 0},
    {"TO", "Pacific/Tongatapu", 0},
    {"TR", "Europe/Istanbul", 0},
    {"TT", "America/Port_of_Spain", 0},
    {"TV", "Pacific/Funafuti", 0},
    {"TW", "Asia/Taipei", 0},
    {"TZ", "Africa/Dar_es_Salaam", 0},
    {"UA", "Europe/Kyiv", 1},
    {"UG", "Africa/Kampala", 0},
    {"UM", "Pacific/Wake", 1},
    {"US", "America/New_York", 1},
    {"UY", "America/Montevideo", 0},
    {"UZ", "Asia/Tashkent", 0},
    {"VA", "Europe/Vatican", 0},
    {"VC", "America/St_Vincent", 0},
    {"VE", "America/Caracas", 0},
    {"VG", "America/Tortola", 0},
    {"VI", "America/St_Thomas", 0},
    {"VN", "Asia/Ho_Chi_Minh", 0},
    {"VU", "Pacific/Efate", 0},
    {"WF", "Pacific/Wallis", 0},
    {"WS", "Pacific/Apia", 0},
    {"YE", "Asia/Aden", 0},
    {"YT", "Indian/Mayotte", 0},
    {"ZA", "Africa/Johannesburg", 0},
    {"ZM", "Africa/Lusaka", 0},
    {"ZW", "Africa/Harare", 0},
};

static int
country_cmp(const void *key, const void *elem)
{
    const struct country_zone *c = elem;

    return strcasecmp(key, c->cc);
}

enum buyer_zone_src
buyertime_zone(const char *tz, const char *country, const char **name)
{
    const struct country_zone *c;

    *name = NULL;
    if (tz && *tz) {
        *name = tz;
        return BZ_BACKEND;
    }
    if (country == NULL || strlen(country) != 2)
        return BZ_NONE;
    c = bsearch(country, countries, sizeof countries / sizeof countries[0],
                sizeof countries[0], country_cmp);
    if (c == NULL)
        return BZ_NONE;
    *name = c->zone;
    return c->several ? BZ_GUESS : BZ_COUNTRY;
}

int
buyertime_parse_clock(const char *s)
{
    int h, m;

    if (s == NULL || !isdigit((unsigned char)s[0]))
        return -1;
    h = s[0] - '0';
    s++;
    if (isdigit((unsigned char)*s))
        h = h * 10 + (*s++ - '0');
    if (*s++ != ':' || !isdigit((unsigned char)s[0]) ||
        !isdigit((unsigned char)s[1]) || s[2] != '\0')
        return -1;
    m = (s[0] - '0') * 10 + (s[1] - '0');
    if (h > 23 || m > 59)
        return -1;
    return h * 60 + m;
}

int
buyertime_parse_span(const char *s, int *start, int *end)
{
    const char *dash = s ? strchr(s, '-') : NULL;
    char a[8];

    if (dash == NULL || (size_t)(dash - s) >= sizeof a)
        return -1;
    memcpy(a, s, (size_t)(dash - s));
    a[dash - s] = '\0';
    if ((*start = buyertime_parse_clock(a)) < 0 ||
        (*end = buyertime_parse_clock(dash + 1)) < 0)
        return -1;
    return 0;
}

static int
wall_minute(const struct tz *z, time_t t)
{
    struct tm tm;

    tz_localtime(z, t, &tm);
    return tm.tm_hour * 60 + tm.tm_min;
}

int
buyertime_in_span(const struct tz *z, time_t t, int start, int end)
{
    int m = wall_minute(z, t);

    if (start <= end)
        return m >= start && m < end;
    return m >= start || m < end;
}

time_t
buyertime_next(const struct tz *z, time_t now, int minute)
{
    struct tm tm;
    time_t t;

    tz_localtime(z, now, &tm);
    for (int add = 0; add < 3; add++) {
        t = tz_mktime(z, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + add,
                      minute / 60, minute % 60, 0);
        if (t > now)
            return t;
    }
    return now;
}
