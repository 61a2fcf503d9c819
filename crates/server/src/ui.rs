//! Templates (`templates/*.html`, embedded) and the interface strings, set up
//! once: every template is HTML-escaped whatever its name, and every value
//! goes through [`crate::html::escape`] (HTML specials and bidi controls).
//! Only fields named `*_html` / `*_svg`, built by our own code from escaped
//! parts, are marked `|safe` in the templates.

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind};
use serde::Serialize;

use crate::ServerError;
use crate::i18n::{Lang, Strings};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("filters.html", include_str!("../templates/filters.html")),
    ("stories.html", include_str!("../templates/stories.html")),
    ("story.html", include_str!("../templates/story.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("error.html", include_str!("../templates/error.html")),
];

pub struct Ui {
    env: Environment<'static>,
    pub strings: Strings,
    /// The strings of each language as template values (built once).
    ar: Value,
    en: Value,
}

/// What every page needs besides its own data.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    pub lang: &'static str,
    pub dir: &'static str,
    pub other_lang: &'static str,
    /// `/lang/en?back=…`: switches the language and comes back to this page.
    pub switch_url: String,
    /// The page's own query (search box keeps its text).
    pub q: String,
    /// Which top navigation entry is current: `stories`, `search`, or empty.
    pub nav: &'static str,
}

impl Ui {
    pub fn new() -> Result<Ui, ServerError> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_formatter(|out, state, value| {
            if value.is_safe() || *state.auto_escape() == AutoEscape::None {
                return minijinja::escape_formatter(out, state, value);
            }
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            let text = match value.as_str() {
                Some(s) => crate::html::escape(s),
                None => crate::html::escape(&value.to_string()),
            };
            out.write_str(&text).map_err(|_| Error::new(ErrorKind::WriteFailure, "write failed"))
        });
        // A URL path segment or query value from untrusted text (ids, names).
        env.add_filter("seg", |s: &str| crate::html::url_component(s));
        for (name, source) in TEMPLATES {
            env.add_template(name, source).map_err(|e| ServerError::Ui(format!("templates/{name}: {e}")))?;
        }
        let strings = Strings::load()?;
        let ar = Value::from(Serde(strings.table(Lang::Ar)));
        let en = Value::from(Serde(strings.table(Lang::En)));
        Ok(Ui { env, strings, ar, en })
    }

    /// Render a page: `page` is its own data, `t` the strings of `lang`.
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        lang: Lang,
        chrome: &Chrome,
        page: &T,
    ) -> Result<String, String> {
        let t = match lang {
            Lang::Ar => self.ar.clone(),
            Lang::En => self.en.clone(),
        };
        let ctx = minijinja::context! { t => t, chrome => Value::from(Serde(chrome)), page => Value::from(Serde(page)) };
        self.env.get_template(template).and_then(|tpl| tpl.render(ctx)).map_err(|e| {
            // The full error chain names the template line.
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            msg
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_compile_and_values_are_escaped() {
        let ui = Ui::new().expect("templates compile");
        let env = &ui.env;
        let out = env
            .template_from_str("<p title=\"{{ x }}\">{{ x }}{{ n }}</p>")
            .unwrap()
            .render(
                minijinja::context! { x => "<img src=x onerror=alert(1)>\u{202E}\"", n => Value::from(()) },
            )
            .unwrap();
        assert_eq!(
            out,
            "<p title=\"&lt;img src=x onerror=alert(1)&gt;⟦RLO⟧&quot;\">&lt;img src=x onerror=alert(1)&gt;⟦RLO⟧&quot;</p>"
        );
        let seg = env
            .template_from_str("{{ x|seg }}")
            .unwrap()
            .render(minijinja::context! { x => "a/b?c" })
            .unwrap();
        assert_eq!(seg, "a%2Fb%3Fc");
    }
}
