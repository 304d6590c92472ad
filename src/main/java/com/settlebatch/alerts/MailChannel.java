package com.settlebatch.alerts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail to {@code settle.alerts.mail.to} through the server of {@code spring.mail.*}
 * (Boot's {@link JavaMailSender}, there once {@code spring.mail.host} is set): the
 * summary as subject, the event's JSON as text.
 */
@Component
class MailChannel implements Channel {

	static final String NAME = "mail";

	private final AlertProperties.Mail settings;

	private final ObjectProvider<JavaMailSender> sender;

	MailChannel(AlertProperties properties, ObjectProvider<JavaMailSender> sender) {
		this.settings = properties.mail();
		this.sender = sender;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean configured() {
		return !settings.to().isBlank() && sender.getIfAvailable() != null;
	}

	@Override
	public Attempt send(AlertStore.Due due) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(settings.from());
		message.setTo(settings.to().split("\\s*,\\s*"));
		message.setSubject("[settle] " + due.summary());
		message.setText(due.summary() + "\n\nevent " + due.eventId() + " (" + due.type() + ")\n\n" + due.body() + "\n");
		try {
			sender.getObject().send(message);
			return Attempt.DELIVERED;
		}
		catch (MailException e) {
			// The class and the server's words; the password of spring.mail is never in
			// them.
			return Attempt.failed(e.getClass().getSimpleName() + ": " + e.getMostSpecificCause().getMessage(), null);
		}
	}

}
