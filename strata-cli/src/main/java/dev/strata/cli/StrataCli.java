package dev.strata.cli;

import dev.strata.StrataException;
import dev.strata.config.ConfigurationException;
import dev.strata.config.DatabaseUrls;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs one strata command line and turns every outcome into text and an exit code. This is the one
 * place where failures become messages: commands throw, this class reports.
 */
public final class StrataCli {

    private final Console console;
    private final Map<String, String> environment;
    private final Path workingDir;

    /**
     * @param environment the process's environment variables (DATABASE_URL, ${env.VAR} in strata.toml)
     * @param workingDir  the folder the command was started in; {@code -C} is relative to it
     */
    public StrataCli(Console console, Map<String, String> environment, Path workingDir) {
        this.console = console;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
    }

    public int run(String... args) {
        CommandLine commandLine = commandLine(commandsFor(args));
        // Lets an environment share its name with a command: --env test migrate.
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        commandLine.setOut(console.outWriter());
        commandLine.setErr(console.errWriter());
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> report(exception));
        commandLine.setParameterExceptionHandler((exception, given) -> {
            String command = exception.getCommandLine().getCommandSpec().qualifiedName();
            console.err("strata: " + withoutPasswords(exception.getMessage(), given));
            if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> suggestions = suggestions(unmatched);
                if (!suggestions.isEmpty()) {
                    console.err("Did you mean "
                            + suggestions.stream()
                                    .limit(2)
                                    .map(suggestion -> "'" + command + " " + suggestion + "'")
                                    .collect(java.util.stream.Collectors.joining(" or "))
                            + "?");
                }
            }
            console.err("Run '" + command + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    /**
     * The commands or options nearest to what was typed: picocli's, or else those a typo or two
     * away ({@link Typos}).
     */
    private static List<String> suggestions(CommandLine.UnmatchedArgumentException unmatched) {
        if (!unmatched.getSuggestions().isEmpty() || unmatched.getUnmatched().isEmpty()) {
            return unmatched.getSuggestions();
        }
        String word = unmatched.getUnmatched().get(0);
        // An option's value is not part of its name, and may hold a password: --ulr=postgres://...
        String typed = word.startsWith("-") && word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        CommandLine.Model.CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
        List<String> candidates = typed.startsWith("-")
                ? spec.options().stream()
                        .flatMap(option -> java.util.Arrays.stream(option.names()))
                        .toList()
                : List.copyOf(spec.subcommands().keySet());
        return Typos.nearest(typed, candidates);
    }

    /**
     * picocli's message quotes the argument it could not place, which may be a database URL with its
     * password (typed where no URL goes, or after a misspelled --url): no configuration has told the
     * console about that password yet, so passwords are hidden here. Each argument as typed is
     * hidden whole (a password may hold a space), then every word of the message that looks like a
     * URL, for an argument picocli read from an {@code @file}.
     */
    static String withoutPasswords(String message, String... args) {
        String shown = message;
        for (String arg : args) {
            String hidden = withoutPassword(arg);
            if (!hidden.equals(arg)) {
                shown = shown.replace(arg, hidden);
            }
        }
        java.util.regex.Matcher words =
                java.util.regex.Pattern.compile("[^\\s'\"]+").matcher(shown);
        StringBuilder text = new StringBuilder();
        while (words.find()) {
            words.appendReplacement(text, java.util.regex.Matcher.quoteReplacement(withoutPassword(words.group())));
        }
        words.appendTail(text);
        return text.toString();
    }

    /** A URL, or {@code --option=URL}, without its password; any other word as it is. */
    private static String withoutPassword(String word) {
        if (word.indexOf('@') < 0 && !word.toLowerCase(java.util.Locale.ROOT).contains("password")) {
            return word;
        }
        int equals = word.startsWith("-") ? word.indexOf('=') : -1;
        return equals < 0
                ? DatabaseUrls.redact(word)
                : word.substring(0, equals + 1) + DatabaseUrls.redact(word.substring(equals + 1));
    }

    /**
     * The command the arguments name, alone; every command when they name none or one strata does not
     * know (then picocli's help and its "did you mean" need them all).
     */
    static List<Class<?>> commandsFor(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (StrataCommand.OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (arg.startsWith("--")
                    && arg.contains("=")
                    && StrataCommand.OPTIONS_WITH_VALUE.contains(arg.substring(0, arg.indexOf('=')))) {
                // an option with its value in the same argument: nothing more to skip
            } else if (arg.startsWith("-")) {
                break;
            } else {
                for (Class<?> command : StrataCommand.COMMANDS) {
                    if (command.getAnnotation(CommandLine.Command.class).name().equals(arg)) {
                        return List.of(command);
                    }
                }
                break;
            }
        }
        return StrataCommand.COMMANDS;
    }

    /**
     * The whole command tree, every command registered, printing nowhere: the model that generated
     * help (shell completion, man pages) is made from.
     */
    public static CommandLine commandModel() {
        java.io.PrintWriter nowhere = new java.io.PrintWriter(java.io.Writer.nullWriter());
        return new StrataCli(new Console(nowhere, nowhere), Map.of(), Path.of("")).commandLine(StrataCommand.COMMANDS);
    }

    /** The root command with the given subcommands registered; {@link StrataCommand#COMMANDS} gives them all. */
    CommandLine commandLine(List<Class<?>> commands) {
        CommandLine commandLine = new CommandLine(new StrataCommand(console, environment, workingDir));
        for (Class<?> command : commands) {
            commandLine.addSubcommand(instantiate(command));
        }
        // Help is wrapped by picocli to the terminal's width (80 columns where it can't tell); the
        // descriptions hold one line per paragraph, so no line end is typed inside a sentence.
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    private static Object instantiate(Class<?> command) {
        try {
            Constructor<?> constructor = command.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the command " + command.getSimpleName(), e);
        }
    }

    private int report(Exception exception) {
        if (exception instanceof ConfigurationException) {
            console.err("strata: " + exception.getMessage());
            return ExitCodes.USAGE;
        }
        if (exception instanceof StrataException) {
            console.err("strata: " + exception.getMessage());
            return ExitCodes.FAILED;
        }
        // A bug of strata's, not the user's: say so, and keep the trace available on request.
        console.err("strata: internal error: " + exception);
        if (environment.containsKey("STRATA_DEBUG")) {
            java.io.StringWriter trace = new java.io.StringWriter();
            exception.printStackTrace(new java.io.PrintWriter(trace));
            console.err(trace.toString());
        } else {
            console.err("Set STRATA_DEBUG=1 to see where it happened, and please report it.");
        }
        return ExitCodes.FAILED;
    }
}
