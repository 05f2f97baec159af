package dev.strata.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A plain Spring Boot application: strata arrives by auto-configuration, as in a user's. */
@SpringBootApplication
public class TestApplication {}
