package com.settlebatch.alerts;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Every channel the product has; which of them are configured is asked each time. */
@Component
class Channels {

	private final List<Channel> all;

	Channels(List<Channel> all) {
		this.all = all;
	}

	List<String> configured() {
		return all.stream().filter(Channel::configured).map(Channel::name).sorted().toList();
	}

	Optional<Channel> named(String name) {
		return all.stream().filter(channel -> channel.name().equals(name)).findFirst();
	}

}
