/* woocommerce.h: orders from the WooCommerce REST API v3. */
#ifndef TD_COMMERCE_WOOCOMMERCE_H
#define TD_COMMERCE_WOOCOMMERCE_H

#include "commerce/commerce.h"

extern const struct commerce_provider commerce_woocommerce;

#endif
