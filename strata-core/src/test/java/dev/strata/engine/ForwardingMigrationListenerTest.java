package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingMigrationListenerTest {

    /** Every event a listener can be told reaches the delegate, so a watcher never swallows one. */
    @Test
    void everyEventOfTheListenerReachesTheDelegate() throws Exception {
        List<String> received = new ArrayList<>();
        MigrationListener delegate = (MigrationListener) Proxy.newProxyInstance(
                MigrationListener.class.getClassLoader(),
                new Class<?>[] {MigrationListener.class},
                (proxy, m, args) -> {
                    received.add(m.getName());
                    return null;
                });
        ForwardingMigrationListener forwarding = new ForwardingMigrationListener(delegate) {};

        List<String> events = new ArrayList<>();
        for (Method event : events()) {
            events.add(event.getName());
            event.invoke(forwarding, new Object[event.getParameterCount()]);
        }

        assertThat(events).contains("waiting", "applied", "bookmarked");
        assertThat(received).containsExactlyElementsOf(events);
    }

    private static List<Method> events() {
        return Arrays.stream(MigrationListener.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .sorted(java.util.Comparator.comparing(Method::getName))
                .toList();
    }
}
