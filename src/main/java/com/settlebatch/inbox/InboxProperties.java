package com.settlebatch.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code settle.inbox.*} from {@code jobs/import.yml}.
 *
 * @param pollInterval how often {@code settle serve} looks for NEW inbox rows
 */
@ConfigurationProperties("settle.inbox")
record InboxProperties(@DefaultValue("30s") Duration pollInterval) {
}
