/* aftership.h: parcels from the AfterShip Tracking API. */
#ifndef TD_COMMERCE_AFTERSHIP_H
#define TD_COMMERCE_AFTERSHIP_H

#include "commerce/commerce.h"

extern const struct commerce_provider commerce_aftership;

#endif
