#!/usr/bin/env python3
"""Print the country table of src/core/buyertime.c from the system's zone.tab.

Each country gets the zone a shop would guess for a buyer there (the most
populous one, by the overrides below, else zone.tab's first), and a flag
when the country's zones disagree on the clock (January or July 2026), so
that the console can say its guess is a guess.
"""
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

BEST = {
    "US": "America/New_York", "CA": "America/Toronto", "BR": "America/Sao_Paulo",
    "RU": "Europe/Moscow", "AU": "Australia/Sydney", "MX": "America/Mexico_City",
    "ID": "Asia/Jakarta", "KZ": "Asia/Almaty", "AR": "America/Argentina/Buenos_Aires",
    "CL": "America/Santiago", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "UA": "Europe/Kyiv", "MN": "Asia/Ulaanbaatar", "CD": "Africa/Kinshasa",
    "EC": "America/Guayaquil", "NZ": "Pacific/Auckland", "GL": "America/Nuuk",
    "PG": "Pacific/Port_Moresby", "CN": "Asia/Shanghai", "DE": "Europe/Berlin",
    "CY": "Asia/Nicosia", "MY": "Asia/Kuala_Lumpur", "UZ": "Asia/Tashkent",
    "PS": "Asia/Gaza", "FM": "Pacific/Pohnpei", "KI": "Pacific/Tarawa",
    "PF": "Pacific/Tahiti", "MH": "Pacific/Majuro", "UM": "Pacific/Wake",
    "AQ": "Antarctica/McMurdo",
}

zones = {}
for line in open(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/zoneinfo/zone.tab"):
    if line.startswith("#") or not line.strip():
        continue
    cc, _, name = line.split("\t")[:3]
    zones.setdefault(cc, []).append(name.strip())

def offsets(name):
    z = ZoneInfo(name)
    return tuple(datetime(2026, m, 15, 12, tzinfo=z).utcoffset() for m in (1, 7))

print("/* paste into src/core/buyertime.c: countries[] */")
print("/* {ISO 3166 code, best-guess zone, 1 = the country has several clocks} */")
for cc in sorted(zones):
    names = zones[cc]
    best = BEST.get(cc, names[0])
    if best not in names:
        best = names[0]
    several = len({offsets(n) for n in names}) > 1
    print('{"%s", "%s", %d},' % (cc, best, int(several)))
