package dev.strata.lint;

import dev.strata.ddl.Change;
import dev.strata.sql.Lexeme;
import dev.strata.sql.TokenizedScript;

/** A statement of the file being linted, with what it does. */
record ReadStatement(TokenizedScript.Part part, Change change) {

    /** The statement's first word, where findings about the whole statement point. */
    Lexeme first() {
        return part.lexemes().get(0);
    }
}
