//! TOML syntax errors in an editor's words. The parser says where it gave
//! up ("unexpected key or value, expected newline"); an editor needs to
//! know what they wrote wrong and the line as it should be. Each
//! explanation recognises one common mistake from the parser's message and
//! the offending line, and gives the corrected line; a message it does not
//! recognise is left as the parser wrote it.

/// A mistake explained: what is wrong, and how to write it.
pub(super) struct Explained {
    /// What is wrong, in an editor's words.
    pub(super) message: String,
    /// The fix, with the corrected line where one can be made.
    pub(super) help: String,
}

/// Explains the parser's `message` about `line`, if it is a mistake
/// editors often make.
pub(super) fn explain(message: &str, line: &str) -> Option<Explained> {
    if message.starts_with("unexpected key or value") {
        return quote_inside_a_string(line);
    }
    if message.starts_with("unclosed array table") || message.starts_with("unclosed table") {
        return unclosed_header(line);
    }
    if message.starts_with("key with no value") {
        return missing_equals(line);
    }
    if message.starts_with("invalid boolean") {
        return unquoted_text(line);
    }
    if message.starts_with("invalid basic string") {
        return unclosed_string(line);
    }
    None
}

/// `key = "text "with" quotes"`: the string ends at its second `"`.
fn quote_inside_a_string(line: &str) -> Option<Explained> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('"') {
        return None;
    }
    let key = key.trim_end();
    let fixed = if inner.contains('\'') {
        format!("{key} = \"{}\"", inner.replace('"', "\\\""))
    } else {
        format!("{key} = '{inner}'")
    };
    Some(Explained {
        message: "this text has quotation marks of its own, so the string ends at the second `\"`"
            .to_owned(),
        help: format!(
            "write it as `{}`: between single quotes a `\"` is just a character (or put a `\\` before each `\"` inside)",
            fixed.trim_start()
        ),
    })
}

/// `[[claim]` or `[claim`: a header without its closing brackets.
fn unclosed_header(line: &str) -> Option<Explained> {
    let trimmed = line.trim();
    let brackets = trimmed.chars().take_while(|&c| c == '[').count();
    let name = trimmed.trim_matches(|c| c == '[' || c == ']').trim();
    if brackets == 0 || name.is_empty() {
        return None;
    }
    let open = "[".repeat(brackets);
    let close = "]".repeat(brackets);
    Some(Explained {
        message: "this table header is not closed".to_owned(),
        help: format!("write `{open}{name}{close}`, with as many `]` as `[`"),
    })
}

/// `title "text"`: a key and a value without `=` between them.
fn missing_equals(line: &str) -> Option<Explained> {
    let trimmed = line.trim();
    let (key, value) = trimmed.split_once(char::is_whitespace)?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    Some(Explained {
        message: format!("`{key}` has no `=` before its value"),
        help: format!("write `{key} = {value}`"),
    })
}

/// `title = Some words`: text without quotation marks, which TOML reads
/// as the start of `true` or a number.
fn unquoted_text(line: &str) -> Option<Explained> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let quoted = crate::escape::toml_string(value);
    Some(Explained {
        message: "text must be in quotation marks".to_owned(),
        help: format!("write `{} = {quoted}`", key.trim()),
    })
}

/// `title = "text` with no closing `"` on its line.
fn unclosed_string(line: &str) -> Option<Explained> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let inner = value.strip_prefix('"')?;
    if inner.contains('"') {
        return None;
    }
    Some(Explained {
        message: "this string is not closed on its line".to_owned(),
        help: format!(
            "end it with `\"`: `{} = \"{inner}\"`; for text over several lines, open and close it with `\"\"\"`",
            key.trim()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(message: &str, line: &str) -> (String, String) {
        let explained = explain(message, line).expect("explained");
        (explained.message, explained.help)
    }

    #[test]
    fn each_common_mistake_gets_its_corrected_line() {
        let (message, help) = fix(
            "unexpected key or value, expected newline, `#`",
            "  quote = \"He said \"no\" today.\"",
        );
        assert!(message.contains("quotation marks of its own"), "{message}");
        assert!(help.contains("`quote = 'He said \"no\" today.'`"), "{help}");
        let (_, help) = fix(
            "unexpected key or value, expected newline, `#`",
            "quote = \"It's \"fine\" now\"",
        );
        assert!(help.contains(r#"`quote = "It's \"fine\" now"`"#), "{help}");
        let (_, help) = fix("unclosed array table, expected `]`", "[[claim]");
        assert!(help.contains("`[[claim]]`"), "{help}");
        let (message, help) = fix("key with no value, expected `=`", "title \"T\"");
        assert_eq!(message, "`title` has no `=` before its value");
        assert!(help.contains("`title = \"T\"`"), "{help}");
        let (_, help) = fix("invalid boolean, expected `true`", "title = Tolls rise");
        assert!(help.contains("`title = \"Tolls rise\"`"), "{help}");
        let (_, help) = fix("invalid basic string, expected `\"`", "title = \"Tolls");
        assert!(help.contains("`title = \"Tolls\"`"), "{help}");
    }

    #[test]
    fn what_is_not_recognised_is_left_to_the_parser() {
        assert!(explain("unexpected key or value", "a = 1 2").is_none());
        assert!(explain("duplicate key `id`", "id = \"x\"").is_none());
        assert!(explain("invalid boolean, expected `true`", "flag = \"x\"").is_none());
    }
}
