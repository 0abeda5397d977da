/* generic.h: the driver for any REST helpdesk described by a mapping file. */
#ifndef TD_GENERIC_H
#define TD_GENERIC_H

#include "drivers/driver.h"

/* `account NAME generic URL mapping=FILE token_env=VAR [user=U]`; the
 * mapping format is in ttydesk-mapping(5) and src/drivers/mapping.h. */
extern const struct driver drv_generic;

#endif
