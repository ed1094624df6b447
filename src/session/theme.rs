//! How the terminal front end draws a question and the answer left on screen (a dialoguer
//! theme). Two things differ from dialoguer's own colourful theme:
//!
//! - the mark beside an answer says what the answer is: ✔ only for a yes or an accepted choice,
//!   ✘ for a no, – for a skip or "not applicable", and • for a typed value, which the session
//!   checks after the prompt (a refused one is then asked again with the reason);
//! - dialoguer counts the lines a question took by its line breaks, so a question longer than the
//!   terminal is wide (which the terminal wraps) left a stale `?` line: the answer clears every
//!   line the question and what was typed took before it is drawn;
//! - a question, a proposed answer, a choice or an answer may quote what a station or the network
//!   sent: control characters in it are shown visibly (`\x1b`), never sent to the terminal
//!   ([`crate::output::safe_text`]), and only then styled.

use std::cell::Cell;
use std::fmt::{self, Write};

use console::{Style, measure_text_width};
use dialoguer::theme::{ColorfulTheme, Theme};

use crate::output::safe_text;

/// What an answer means, for its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A yes, or a choice from the list: ✔.
    Accepted,
    /// A no: ✘.
    Refused,
    /// Skipped or not applicable: –.
    Skipped,
    /// Typed: checked after the prompt, so no verdict yet: •.
    Given,
}

impl Mark {
    /// The mark of the choice `id` of a question (`yes`, `no`, `skip`, `n/a`, a port ...).
    pub fn of_choice(id: &str) -> Mark {
        match id {
            "yes" => Mark::Accepted,
            "no" => Mark::Refused,
            "skip" | "n/a" => Mark::Skipped,
            // "another path": typed next
            "" => Mark::Given,
            _ => Mark::Accepted,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Mark::Accepted => "✔",
            Mark::Refused => "✘",
            Mark::Skipped => "–",
            Mark::Given => "•",
        }
    }

    fn style(self) -> Style {
        let s = Style::new().for_stderr();
        match self {
            Mark::Accepted => s.green(),
            Mark::Refused => s.red(),
            Mark::Skipped => s.yellow(),
            Mark::Given => s.cyan(),
        }
    }
}

/// The theme of one question.
pub struct AnswerTheme {
    color: bool,
    /// The mark of each label the question offers.
    marks: Vec<(String, Mark)>,
    /// Columns of the terminal.
    width: usize,
    /// Columns of the last prompt drawn, and its default: the lines it took.
    drawn: Cell<usize>,
    default: std::cell::RefCell<Option<String>>,
    /// dialoguer's theme, for the list items and errors.
    items: ColorfulTheme,
}

impl AnswerTheme {
    pub fn new(color: bool, marks: Vec<(String, Mark)>, width: usize) -> AnswerTheme {
        let mut items = ColorfulTheme::default();
        if !color {
            let plain = Style::new().for_stderr().force_styling(false);
            items.active_item_style = plain.clone();
            items.inactive_item_style = plain.clone();
            items.error_style = plain.clone();
            items.active_item_prefix = plain.apply_to("❯".to_string());
            items.inactive_item_prefix = plain.apply_to(" ".to_string());
            items.error_prefix = plain.apply_to("✘".to_string());
        }
        AnswerTheme {
            color,
            marks,
            width: width.max(1),
            drawn: Cell::new(0),
            default: Default::default(),
            items,
        }
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            style.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// Write `line` as the prompt and remember how wide it is.
    fn prompt_line(&self, f: &mut dyn Write, line: String) -> fmt::Result {
        self.drawn.set(measure_text_width(&line));
        write!(f, "{line}")
    }

    /// Before an answer replaces the prompt: dialoguer counts the prompt's lines by its line
    /// breaks and so clears only the last one the terminal shows; clear those above it
    /// (`typed`: columns typed after the prompt).
    fn clear_wrapped(&self, f: &mut dyn Write, typed: usize) -> fmt::Result {
        let columns = self.drawn.replace(0) + typed;
        let lines = columns.div_ceil(self.width).max(1);
        for _ in 1..lines {
            write!(f, "\x1b[1A\x1b[2K")?;
        }
        Ok(())
    }

    fn prompt_prefix(&self) -> String {
        self.paint("?", Style::new().for_stderr().yellow())
    }

    fn suffix(&self) -> String {
        self.paint("›", Style::new().for_stderr().black().bright())
    }

    fn question(&self, prompt: &str) -> String {
        self.paint(&safe_text(prompt), Style::new().for_stderr().bold())
    }

    /// The answer left on screen: mark, question, `·`, answer.
    fn answered(&self, f: &mut dyn Write, prompt: &str, answer: &str, mark: Mark) -> fmt::Result {
        write!(
            f,
            "{} {} {} {}",
            self.paint(mark.symbol(), mark.style()),
            self.question(prompt),
            self.paint("·", Style::new().for_stderr().black().bright()),
            self.paint(&safe_text(answer), mark.style())
        )
    }

    fn mark_of(&self, label: &str) -> Mark {
        self.marks
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, m)| *m)
            .unwrap_or(Mark::Given)
    }
}

impl Theme for AnswerTheme {
    fn format_prompt(&self, f: &mut dyn Write, prompt: &str) -> fmt::Result {
        let line = format!(
            "{} {} {}",
            self.prompt_prefix(),
            self.question(prompt),
            self.suffix()
        );
        self.prompt_line(f, line)
    }

    fn format_error(&self, f: &mut dyn Write, err: &str) -> fmt::Result {
        self.items.format_error(f, &safe_text(err))
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        let hint = match default {
            Some(true) => "(Y/n)",
            Some(false) => "(y/N)",
            None => "(y/n)",
        };
        let line = format!(
            "{} {} {} {} ",
            self.prompt_prefix(),
            self.question(prompt),
            self.paint(hint, Style::new().for_stderr().black().bright()),
            self.suffix()
        );
        self.prompt_line(f, line)
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        self.clear_wrapped(f, 0)?;
        match selection {
            Some(true) => self.answered(f, prompt, "yes", Mark::Accepted),
            Some(false) => self.answered(f, prompt, "no", Mark::Refused),
            None => write!(f, "{} {}", self.prompt_prefix(), self.question(prompt)),
        }
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        *self.default.borrow_mut() = default.map(str::to_string);
        let hint = default
            .map(|d| {
                self.paint(
                    &format!("({}) ", safe_text(d)),
                    Style::new().for_stderr().black().bright(),
                )
            })
            .unwrap_or_default();
        let line = format!(
            "{} {} {hint}{} ",
            self.prompt_prefix(),
            self.question(prompt),
            self.suffix()
        );
        self.prompt_line(f, line)
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        // Enter on an empty line takes the default: nothing was typed
        let took_default = self.default.borrow_mut().take().as_deref() == Some(sel);
        let typed = if took_default {
            0
        } else {
            measure_text_width(sel)
        };
        self.clear_wrapped(f, typed)?;
        self.answered(f, prompt, sel, Mark::Given)
    }

    fn format_password_prompt_selection(&self, f: &mut dyn Write, prompt: &str) -> fmt::Result {
        self.answered(f, prompt, "********", Mark::Given)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.clear_wrapped(f, 0)?;
        self.answered(f, prompt, sel, self.mark_of(sel))
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.items
            .format_select_prompt_item(f, &safe_text(text), active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_yes_or_a_chosen_entry_is_ticked() {
        let t = AnswerTheme::new(
            false,
            vec![
                ("Yes, done".into(), Mark::Accepted),
                ("No".into(), Mark::Refused),
                ("Skip for now".into(), Mark::Skipped),
            ],
            80,
        );
        let shown = |sel: &str| {
            let mut s = String::new();
            t.format_select_prompt_selection(&mut s, "Power is off", sel)
                .unwrap();
            s
        };
        assert!(
            shown("Yes, done").starts_with("✔ "),
            "{}",
            shown("Yes, done")
        );
        assert!(shown("No").starts_with("✘ "));
        assert!(shown("Skip for now").starts_with("– "));
        let mut typed = String::new();
        t.format_input_prompt_selection(&mut typed, "Multimeter reading", "230")
            .unwrap();
        assert_eq!(typed, "• Multimeter reading · 230");
    }

    #[test]
    fn the_answer_clears_every_line_a_long_question_took() {
        let t = AnswerTheme::new(false, Vec::new(), 30);
        let q = "The firmware version on the station's display is 5.2.1"; // 54 columns
        let up = "\x1b[1A\x1b[2K";
        let mut s = String::new();
        t.format_prompt(&mut s, q).unwrap(); // "? " + q + " ›": 58 columns, 2 lines
        let mut sel = String::new();
        t.format_select_prompt_selection(&mut sel, q, "Yes")
            .unwrap();
        assert_eq!(sel.matches(up).count(), 1, "{sel:?}");
        // typed text makes the line longer: 58 + 10 + 5 = 73 columns, 3 lines
        let mut s = String::new();
        t.format_input_prompt(&mut s, q, Some("yes")).unwrap();
        let mut sel = String::new();
        t.format_input_prompt_selection(&mut sel, q, "0123456789")
            .unwrap();
        assert_eq!(sel.matches(up).count(), 2, "{sel:?}");
        // a short one clears nothing more
        let mut s = String::new();
        t.format_prompt(&mut s, "Port").unwrap();
        let mut sel = String::new();
        t.format_select_prompt_selection(&mut sel, "Port", "x")
            .unwrap();
        assert!(!sel.contains(up));
    }

    #[test]
    fn outside_text_in_a_question_is_shown_not_obeyed() {
        let t = AnswerTheme::new(true, Vec::new(), 80);
        let mut s = String::new();
        t.format_input_prompt(&mut s, "Model \x1b[2J?", Some("M\x1b]0;t\x07"))
            .unwrap();
        t.format_select_prompt_item(&mut s, "port \u{202e}1", false)
            .unwrap();
        t.format_input_prompt_selection(&mut s, "Model \x1b[2J?", "x\u{9b}")
            .unwrap();
        assert!(
            s.contains("Model \\x1b[2J?") && s.contains("M\\x1b]0;t\\x07"),
            "{s:?}"
        );
        assert!(
            s.contains("port \\u{202e}1") && s.contains("x\\u{9b}"),
            "{s:?}"
        );
        assert!(!s.contains("\x1b[2J") && !s.contains('\x07') && !s.contains('\u{9b}'));
        assert!(s.contains("\x1b[1m"), "our own styling still works: {s:?}");
    }
}
