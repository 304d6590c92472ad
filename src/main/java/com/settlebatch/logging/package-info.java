/**
 * How the process logs (with {@code logback-spring.xml}): one line per event on the
 * terminal, stack traces only in the rotated file under {@code data/logs/}. Uses
 * {@code masking}; everything may use it.
 */
package com.settlebatch.logging;
