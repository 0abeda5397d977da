/* shopify.h: orders and fulfilments from the Shopify Admin REST API. */
#ifndef TD_COMMERCE_SHOPIFY_H
#define TD_COMMERCE_SHOPIFY_H

#include "commerce/commerce.h"

extern const struct commerce_provider commerce_shopify;

#endif
