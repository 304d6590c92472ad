package com.settlebatch.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A sandbox with default settings and a client for it, fresh for every test. */
abstract class SandboxTestSupport {

	final SandboxSettings settings = SandboxSettings.defaults();

	SandboxGateway gateway;

	SandboxTestClient client;

	@BeforeEach
	void startSandbox() {
		gateway = SandboxGateway.start(settings);
		client = new SandboxTestClient(gateway, settings);
	}

	@AfterEach
	void stopSandbox() {
		gateway.close();
	}

}
