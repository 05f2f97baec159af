package dev.strata.dialect.sqlite;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the table behind an alias in a query's FROM, JOIN or UPDATE clause. */
final class QueryAliases {

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|\\[[^\\]]+]|`[^`]+`|[\\w$]+)";

    private QueryAliases() {}

    /** The table {@code alias} stands for in {@code sql}, unquoted, without its schema. */
    static Optional<String> tableOf(String sql, String alias) {
        Pattern pattern = Pattern.compile(
                "(?:\\bFROM|\\bJOIN|\\bUPDATE|,)\\s+(" + NAME + "(?:\\." + NAME + ")?)" + "\\s+(?:AS\\s+)?(?:\""
                        + Pattern.quote(alias) + "\"|" + Pattern.quote(alias) + ")(?![\\w$])",
                Pattern.CASE_INSENSITIVE);
        Matcher matcher = pattern.matcher(sql);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1);
        int dot = lastDotOutsideQuotes(name);
        return Optional.of(unquote(dot < 0 ? name : name.substring(dot + 1)));
    }

    private static int lastDotOutsideQuotes(String name) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") || name.startsWith("[") || name.startsWith("`"))) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }
}
