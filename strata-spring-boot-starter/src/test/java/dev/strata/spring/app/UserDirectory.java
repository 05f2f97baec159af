package dev.strata.spring.app;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the users table while the context starts: it fails unless strata migrated first. */
@Component
public class UserDirectory {

    private final long users;

    public UserDirectory(JdbcTemplate jdbc) {
        this.users = jdbc.queryForObject("SELECT count(*) FROM users", Long.class);
    }

    public long users() {
        return users;
    }
}
