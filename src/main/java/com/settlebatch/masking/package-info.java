/**
 * Card numbers masked wherever text leaves the product (logs, messages, outputs). Depends
 * on nothing; everything may use it.
 */
package com.settlebatch.masking;
