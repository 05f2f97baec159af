package dev.strata.spring;

import dev.strata.Strata;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** The actuator endpoint {@code strata}: every migration and its state, shaped like {@code strata status --json}. */
@Endpoint(id = "strata")
public final class StrataEndpoint {

    private final Strata strata;

    public StrataEndpoint(Strata strata) {
        this.strata = strata;
    }

    @ReadOperation
    public Map<String, Object> status() {
        return strata.status().document();
    }
}
