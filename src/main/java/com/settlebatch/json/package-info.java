/**
 * JSON read and written exactly as sent: scalars as their text, numbers never through a
 * double, objects re-written compactly token by token. Used by the API's request bodies,
 * the import's JSON files and the custom data rule; depends on Jackson's streaming parser
 * only.
 */
package com.settlebatch.json;
