# settle: nightly settlement of payment batches. `make run` then `make test`.
MVN ?= mvn -B -ntp
JAR := target/settle.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: run test build clean screenshots

## run: settle the samples on a fresh embedded database against the embedded sandbox gateway
## and print the closed batches (the samples are copied in completely just before, so they need
## no settle time)
run: $(JAR)
	rm -f data/settlement.mv.db data/settlement.trace.db
	mkdir -p input
	cp input/samples/* input/
	SETTLE_SANDBOX_EMBEDDED=true SETTLE_INPUT_SETTLE_TIME=0s bin/settle run

## test: the whole suite (H2 always; PostgreSQL too when reachable, always under CI=true)
test:
	$(MVN) test

## screenshots: the README's dashboard pictures (docs/*.png), taken by the browser test in headless Chromium
screenshots:
	$(MVN) -q test-compile surefire:test -Dtest=DashboardBrowserTests -Dsettle.docs.screenshots=$(CURDIR)/docs

## build: the executable jar behind bin/settle
build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

clean:
	$(MVN) -q clean
	rm -rf data input/processed input/failed
