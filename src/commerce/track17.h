/* track17.h: parcels from the 17TRACK Tracking API. */
#ifndef TD_COMMERCE_TRACK17_H
#define TD_COMMERCE_TRACK17_H

#include "commerce/commerce.h"

extern const struct commerce_provider commerce_track17;

#endif
