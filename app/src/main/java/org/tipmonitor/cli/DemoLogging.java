package org.tipmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Sends the demo's log to a file and keeps only errors on the console. The demo deliberately sends poison pills and
 * conflicting duplicates, and a broker plus Streams in one JVM log a great deal at start; on the console all that
 * would bury the banner people need to read.
 */
final class DemoLogging {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private DemoLogging() {
    }

    /**
     * Moves logging to {@code file}: everything the configuration logs goes there, and console appenders only keep
     * this application's own errors. Does nothing when the logging backend is not logback (e.g. a different binding on the classpath).
     */
    static void toFile(final Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        final List<Appender<ILoggingEvent>> console = new ArrayList<>();
        for (final Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            console.add(it.next());
        }
        for (final Appender<ILoggingEvent> appender : console) {
            final Filter<ILoggingEvent> ownErrorsOnly = new Filter<>() {
                @Override
                public FilterReply decide(final ILoggingEvent event) {
                    // Kafka's own errors during a demo are mostly transient (retried transactions); they go to the file.
                    return event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getLoggerName().startsWith("org.tipmonitor")
                        ? FilterReply.NEUTRAL : FilterReply.DENY;
                }
            };
            ownErrorsOnly.setContext(context);
            ownErrorsOnly.start();
            appender.addFilter(ownErrorsOnly);
        }
        final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        final FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("demo-file");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }
}
