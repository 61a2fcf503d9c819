//! Finding actor mentions: lexicon matches with their context gates,
//! anaphors, designations by loyalty, named bodies built on a place name,
//! and the resolution pass that ties short forms to earlier mentions.

use rasid_lexicon::{Joined, LexMatch};
use rasid_model::Span;
use rasid_text::{Document, TokenKind};
use std::borrow::Cow;
use std::ops::Range;

use crate::data::Gate;
use crate::facts::{DESIGNATION_HEAD, Facts, LOYAL_HEAD};
use crate::persons::FoundPerson;
use crate::words::{
    clean_surface, is_comma, is_definite_nisba, is_quote, is_word, next_skipping_quotes,
    prev_skipping_quotes, strip_clitics, strip_conj, strip_to_article, transliterate,
};
use crate::{ActorMention, Registry};

/// What a candidate mention is, before resolution.
#[derive(Debug, Clone)]
pub(crate) enum CandKind {
    /// A registry actor named by one of its aliases.
    Direct { actor: usize },
    /// A named body the registry lacks, found by a designation pattern.
    Body { id: String, ar: String, en: String, kind: String },
    /// A short form (folded, with its article) to resolve to an earlier
    /// mention.
    Anaphor { form: String },
    /// Forces or militias loyal to a patron (or forces opposed to it):
    /// named (`لتركيا`) or, when `None`, a pronoun (`لها`) for the nearest
    /// earlier actor.
    Loyal { class: LoyalClass, patron: Option<usize> },
}

/// Which client of a patron a loyalty designation names (`loyalty.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoyalClass {
    Forces,
    Militias,
    Opponents,
}

#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub tokens: Range<usize>,
    pub span: Span,
    pub kind: CandKind,
    pub state_metonymy: bool,
    /// A role title in apposition to a named person: not reported.
    pub dropped: bool,
}

impl Cand {
    fn new(tokens: Range<usize>, span: Span, kind: CandKind) -> Cand {
        Cand { tokens, span, kind, state_metonymy: false, dropped: false }
    }
    /// Covers its words for the person rules (anaphors do not: `المرصد` in
    /// `مدير المرصد` is part of a role title).
    pub(crate) fn covers_words(&self) -> bool {
        !matches!(self.kind, CandKind::Anaphor { .. })
    }
    pub(crate) fn registry_actor(&self) -> Option<usize> {
        match self.kind {
            CandKind::Direct { actor } => Some(actor),
            _ => None,
        }
    }
}

/// A resolved mention, as later anaphors see it.
/// (Borrowed from the registry, the candidates and the document: no
/// allocation per mention.)
struct Hist<'a> {
    id: &'a str,
    kind: &'a str,
    actor: Option<usize>,
    generic: bool,
    head_bare: &'a str,
    head_definite: Cow<'a, str>,
    descriptor: &'a str,
    sentence: usize,
}

/// What a candidate resolves to: an actor's id, names and kind, borrowed
/// until the mention is made.
struct Described<'a> {
    id: &'a str,
    ar: &'a str,
    en: &'a str,
    kind: &'a str,
    /// The registry actor, if it is one.
    actor: Option<usize>,
}

/// Span of tokens `range`, leaving `skip` folded bytes of the first token out.
pub(crate) fn span_skipping(doc: &Document, range: &Range<usize>, skip: usize) -> Span {
    let first = &doc.tokens[range.start];
    let last = &doc.tokens[range.end - 1];
    let at = (first.fold.start + skip).min(first.fold.end.saturating_sub(1)).max(first.fold.start);
    Span::new(doc.folded.original_start(at), last.span.end)
}

impl Registry {
    /// Every candidate actor mention, left to right, before resolution.
    ///
    /// Each rule is tried only where the token's [`Facts`] say it can apply
    /// (a loyalty head, a word that begins an actor name, an anaphor, a
    /// designation head): the rules themselves decide as before.
    pub(crate) fn actor_candidates(
        &self,
        doc: &Document,
        joined: &Joined,
        facts: &Facts,
        outlet: Option<usize>,
    ) -> Vec<Cand> {
        let n = doc.tokens.len();
        let mut cands: Vec<Cand> = Vec::new();
        let mut i = 0;
        while i < n {
            if facts.has(i, LOYAL_HEAD)
                && let Some(found) = self.loyal_at(doc, joined, i, outlet)
            {
                i = found.first().map_or(i + 1, |c| c.tokens.end.max(i + 1));
                cands.extend(found);
                continue;
            }
            if let Some(m) = self.actor_match_at(doc, joined, facts, i)
                && let Some((actor, metonymy)) = self.pick_entry(doc, &m, outlet, &cands)
            {
                let mut c = Cand::new(m.tokens.clone(), m.span, CandKind::Direct { actor });
                c.state_metonymy = metonymy;
                i = m.tokens.end.max(i + 1);
                cands.push(c);
                continue;
            }
            if facts.may_be_anaphor(i)
                && let Some(c) = self.anaphor_at(doc, i)
            {
                cands.push(c);
                i += 1;
                continue;
            }
            if facts.has(i, DESIGNATION_HEAD)
                && let Some(c) = self.designation_at(doc, i)
            {
                i = c.tokens.end.max(i + 1);
                cands.push(c);
                continue;
            }
            i += 1;
        }
        self.merge_sources(doc, &mut cands);
        self.add_nested(doc, joined, facts, outlet, &mut cands);
        cands
    }

    /// The longest actor name at token `t` (see `Lexicon::match_at`), without
    /// walking the lexicon where no name can begin.
    pub(crate) fn actor_match_at(
        &self,
        doc: &Document,
        joined: &Joined,
        facts: &Facts,
        t: usize,
    ) -> Option<LexMatch> {
        if !facts.may_start_actor(t) {
            return None;
        }
        self.actor_lex.match_at(doc, joined, t)
    }

    /// The first entry of a lexicon match whose gate the context opens: its
    /// actor, and whether it is a place name read as the state.
    fn pick_entry(
        &self,
        doc: &Document,
        m: &LexMatch,
        outlet: Option<usize>,
        cands: &[Cand],
    ) -> Option<(usize, bool)> {
        if self.web_fragment(doc, m) {
            return None;
        }
        for r in self.actor_lex.entries_of(m.key) {
            if r.one_word_definite
                && m.tokens.end < doc.tokens.len()
                && doc.tokens[m.tokens.end].kind == TokenKind::Arabic
                && is_definite_nisba(doc.key(m.tokens.end))
            {
                continue;
            }
            match r.gate {
                Gate::Plain => return Some((r.actor, false)),
                Gate::Country | Gate::City => {
                    if self.state_at(doc, m.tokens.clone(), m.prefix, r.gate == Gate::Country, 0) {
                        return Some((r.actor, true));
                    }
                }
                Gate::Quoted => {
                    if self.quoted_or_described(doc, m)
                        || (outlet == Some(r.actor)
                            && (m.prefix.contains('ل') || self.after_lam_token(doc, m)))
                    {
                        return Some((r.actor, false));
                    }
                }
                Gate::Source => {
                    if self.source_context(doc, m, cands) {
                        return Some((r.actor, false));
                    }
                }
            }
        }
        None
    }

    /// A Latin name inside an English fragment or a handle of a web page
    /// (`twitter . com / ICRC -sy`, `ICRC Syria`): not annotated.
    fn web_fragment(&self, doc: &Document, m: &LexMatch) -> bool {
        let latin = |t: usize| doc.tokens.get(t).is_some_and(|x| x.kind == TokenKind::Latin);
        if !(m.tokens.clone()).all(latin) {
            return false;
        }
        let s = m.tokens.start;
        let e = m.tokens.end;
        let handle_punct = |t: usize| matches!(doc.key(t), "/" | "@" | "-" | "_" | ".");
        (s > 0 && (latin(s - 1) || handle_punct(s - 1)))
            || latin(e)
            || (e < doc.tokens.len() && !doc.tokens[e].space_before && handle_punct(e))
    }

    /// `لـ«الشرق الأوسط»`: a lone ل token (tatweel folded away) before the name.
    fn after_lam_token(&self, doc: &Document, m: &LexMatch) -> bool {
        prev_skipping_quotes(doc, m.tokens.start).is_some_and(|p| doc.key(p) == "ل")
    }

    /// In quotation marks, or after a media descriptor (`صحيفة`, `قناة`).
    fn quoted_or_described(&self, doc: &Document, m: &LexMatch) -> bool {
        let s = m.tokens.start;
        if m.prefix.is_empty()
            && s > 0
            && doc.tokens[s - 1].kind == TokenKind::Punct
            && is_quote(doc.key(s - 1))
        {
            return true;
        }
        prev_skipping_quotes(doc, s)
            .is_some_and(|p| is_word(doc, p) && self.ctx.media_descriptors.has_stem(doc.key(p)))
    }

    /// A common noun as a source: after a speech verb or attribution word,
    /// before a speech verb, or coordinated with a source just before.
    fn source_context(&self, doc: &Document, m: &LexMatch, cands: &[Cand]) -> bool {
        let ctx = &self.ctx;
        if let Some(p) = prev_skipping_quotes(doc, m.tokens.start)
            && is_word(doc, p)
        {
            let w = doc.key(p);
            if ctx.speech_verbs.has(w) || ctx.attribution.has(w) {
                return true;
            }
        }
        // "مصادر طبية وسكان الحي", "قال المرصد وشهود": coordinated with a
        // source (a role, or any actor just after a speech verb).
        if m.prefix.starts_with('و')
            && let Some(last) = cands.last()
            && last.tokens.end == m.tokens.start
            && (last.registry_actor().is_some_and(|a| self.actors[a].flags.role)
                || prev_skipping_quotes(doc, last.tokens.start).is_some_and(|p| {
                    is_word(doc, p) && (ctx.speech_verbs.has(doc.key(p)) || ctx.attribution.has(doc.key(p)))
                }))
        {
            return true;
        }
        next_skipping_quotes(doc, m.tokens.end)
            .is_some_and(|n| is_word(doc, n) && ctx.speech_verbs.has(doc.key(n)))
    }

    /// A short form at token `i` (`الوزارة`, `وللمرصد`), unless what follows
    /// shows another referent (`المصدر :` of a byline, `المركز الإعلامي`).
    fn anaphor_at(&self, doc: &Document, i: usize) -> Option<Cand> {
        let tok = &doc.tokens[i];
        if tok.kind != TokenKind::Arabic {
            return None;
        }
        let w = doc.key(i);
        let form = strip_to_article(w);
        if !self.anaphors.contains_key(form.as_ref()) {
            return None;
        }
        if let Some(next) = doc.tokens.get(i + 1) {
            let k = doc.key(i + 1);
            let same_line = !next.newline_before;
            // "المصدر : وكالات" labels a byline; "وقال المكتب:" quotes.
            let label = k == ":"
                && !prev_skipping_quotes(doc, i)
                    .is_some_and(|p| is_word(doc, p) && self.ctx.speech_verbs.has(doc.key(p)));
            if same_line && (label || (next.kind == TokenKind::Arabic && is_definite_nisba(k))) {
                return None;
            }
        }
        // Span: leave و/ف/ب/ك out, keep an elided-article لل.
        let stem_len = form.len() - "ال".len();
        let skip = (w.len() - stem_len).saturating_sub("ال".len());
        let span = span_skipping(doc, &(i..i + 1), skip);
        Some(Cand::new(i..i + 1, span, CandKind::Anaphor { form: form.into_owned() }))
    }

    /// `المجلس المحلي لمدينة دوما`, `مستشفى دار الشفاء`: a designation head,
    /// an optional link word, and a one- or two-word name.
    fn designation_at(&self, doc: &Document, i: usize) -> Option<Cand> {
        let n = doc.tokens.len();
        let ctx = &self.ctx;
        for d in &ctx.designations {
            let h = d.head.len();
            if h == 0 || i + h >= n {
                continue;
            }
            let first = doc.key(i);
            let skip = if first == d.head[0] {
                0
            } else if strip_conj(first) == d.head[0] {
                first.len() - d.head[0].len()
            } else {
                continue;
            };
            let heads_match = (0..h).all(|k| {
                doc.tokens[i + k].kind == TokenKind::Arabic && (k == 0 || doc.key(i + k) == d.head[k])
            });
            if !heads_match {
                continue;
            }
            let mut j = i + h;
            if j < n && doc.tokens[j].kind == TokenKind::Arabic && d.links.exact(doc.key(j)) {
                j += 1;
            }
            let name_ok = |t: usize| {
                t < n
                    && doc.tokens[t].kind == TokenKind::Arabic
                    && !doc.tokens[t].newline_before
                    && !ctx.designation_reject.has(doc.key(t))
                    && !doc
                        .key(t)
                        .strip_prefix(['ب', 'ل', 'ك', 'ف', 'و'])
                        .is_some_and(|r| ctx.not_after.exact(r) || ctx.designation_reject.exact(r))
                    && !ctx.titles.has(doc.key(t))
                    && !ctx.speech_verbs.has(doc.key(t))
            };
            if !name_ok(j) {
                continue;
            }
            let mut e = j + 1;
            if ctx.designation_compounds.exact(doc.key(j)) && name_ok(e) {
                e += 1;
            }
            if e < n
                && doc.tokens[e].kind == TokenKind::Arabic
                && ctx.designation_adjectives.exact(doc.key(e))
            {
                e += 1;
            }
            let range = i..e;
            let span = span_skipping(doc, &range, skip);
            let ar = clean_surface(doc.slice(span));
            let folded: Vec<&str> =
                range.clone().map(|t| if t == i { &first[skip..] } else { doc.key(t) }).collect();
            let slug = transliterate(&folded.join(" "));
            return Some(Cand::new(
                range,
                span,
                CandKind::Body { id: format!("body_{slug}"), ar, en: slug, kind: d.kind.clone() },
            ));
        }
        None
    }

    /// `الفصائل السورية الموالية لها`, `القوات الموالية للرئيس السوري`,
    /// `الفصائل المدعومة من تركيا`, `قوات مناوئة للنظام السوري`: the
    /// designation and, when the patron is named, the patron's own mention
    /// (nested). The loyalty word must agree in definiteness with the head,
    /// or it is a predicate (`القوات السورية مدعومة من…`), not a designation.
    fn loyal_at(
        &self,
        doc: &Document,
        joined: &Joined,
        i: usize,
        outlet: Option<usize>,
    ) -> Option<Vec<Cand>> {
        let ctx = &self.ctx;
        let n = doc.tokens.len();
        if doc.tokens[i].kind != TokenKind::Arabic {
            return None;
        }
        let w = doc.key(i);
        let (start_skip, militia_head) =
            match (ctx.loyal_militia_heads.conj_match(w), ctx.loyal_forces_heads.conj_match(w)) {
                (Some(skip), _) => (skip, true),
                (None, Some(skip)) => (skip, false),
                (None, None) => return None,
            };
        let head = &w[start_skip..];
        let definite = head.starts_with("ال");
        let mut j = i + 1;
        let mut adjectives = 0;
        while j < n && adjectives < 2 && ctx.loyal_adjectives.exact(doc.key(j)) {
            j += 1;
            adjectives += 1;
        }
        if j >= n || doc.key(j).starts_with("ال") != definite {
            return None;
        }
        let word = doc.key(j);
        let class = if ctx.loyal_words.exact(word) {
            if militia_head { LoyalClass::Militias } else { LoyalClass::Forces }
        } else if militia_head && ctx.backed_words.exact(word) {
            LoyalClass::Militias
        } else if ctx.opposed_words.exact(word) {
            LoyalClass::Opponents
        } else {
            return None;
        };
        j += 1;
        if j >= n {
            return None;
        }
        if ctx.loyal_pronouns.exact(doc.key(j)) {
            let range = i..j + 1;
            let span = span_skipping(doc, &range, start_skip);
            return Some(vec![Cand::new(range, span, CandKind::Loyal { class, patron: None })]);
        }
        let separate_link = matches!(doc.key(j), "ل" | "من");
        let at = if separate_link { j + 1 } else { j };
        if at >= n {
            return None;
        }
        if let Some(m) = self.actor_lex.match_at(doc, joined, at)
            && (separate_link || m.prefix.contains('ل'))
            && let Some((patron, metonymy)) = self.pick_entry(doc, &m, outlet, &[])
        {
            let range = i..m.tokens.end;
            let span = span_skipping(doc, &range, start_skip);
            let mut nested = Cand::new(m.tokens.clone(), m.span, CandKind::Direct { actor: patron });
            nested.state_metonymy = metonymy;
            return Some(vec![
                Cand::new(range, span, CandKind::Loyal { class, patron: Some(patron) }),
                nested,
            ]);
        }
        if let Some(m) = self.person_lex.match_at(doc, joined, at)
            && (separate_link || m.prefix.contains('ل'))
            && let Some(p) = self.person_lex.entries_of(m.key).next()
            && let Some(patron) = self.persons[p.person].speaks_for.as_ref().and_then(|id| self.by_id.get(id))
        {
            let range = i..m.tokens.end;
            let span = span_skipping(doc, &range, start_skip);
            return Some(vec![Cand::new(range, span, CandKind::Loyal { class, patron: Some(*patron) })]);
        }
        None
    }

    /// Correspondents (`مراسل لفرانس برس` → one afp mention), anonymous
    /// sources inside a body (`مصدر في اتحاد المنظمات…` → one mention with
    /// the body's id), and source roles followed by a body (`مصدر عسكري في
    /// الجيش السوري الحر` → the role speaks for the FSA).
    fn merge_sources(&self, doc: &Document, cands: &mut [Cand]) {
        let ctx = &self.ctx;
        let n = doc.tokens.len();
        let mut covered = vec![false; n];
        for c in cands.iter() {
            for t in c.tokens.clone() {
                covered[t] = true;
            }
        }
        for cand in cands.iter_mut() {
            let Some(actor) = cand.registry_actor() else { continue };
            let s = cand.tokens.start;
            // Correspondent of a medium.
            if self.actors[actor].actor.kind == "media"
                && let Some(mut p) = prev_skipping_quotes(doc, s)
            {
                if doc.key(p) == "ل"
                    && let Some(q) = prev_skipping_quotes(doc, p)
                {
                    p = q;
                }
                if is_word(doc, p)
                    && !covered[p]
                    && let Some(skip) = ctx.correspondents.conj_match(doc.key(p))
                {
                    let range = p..cand.tokens.end;
                    cand.span = Span::new(span_skipping(doc, &range, skip).start, cand.span.end);
                    cand.tokens = range;
                    continue;
                }
            }
            // Anonymous source inside a body.
            if s >= 2 && ctx.source_links.exact(doc.key(s - 1)) && is_word(doc, s - 2) && !covered[s - 2] {
                let q = s - 2;
                if let Some(skip) = ctx.source_nouns.conj_match(doc.key(q)) {
                    let range = q..cand.tokens.end;
                    cand.span = Span::new(span_skipping(doc, &range, skip).start, cand.span.end);
                    cand.tokens = range;
                }
            }
        }
        // A source role followed by في/من/لدى + a body speaks for the body.
        for k in 0..cands.len().saturating_sub(1) {
            let Some(actor) = cands[k].registry_actor() else { continue };
            let source_phrase = ctx.source_nouns.has(doc.key(cands[k].tokens.start));
            if !self.actors[actor].flags.role && !source_phrase {
                continue;
            }
            let e = cands[k].tokens.end;
            if e + 1 < n
                && ctx.source_links.exact(doc.key(e))
                && cands[k + 1].tokens.start == e + 1
                && let Some(body) = cands[k + 1].registry_actor()
            {
                cands[k].kind = CandKind::Direct { actor: body };
            }
        }
    }

    /// Bodies named inside role titles and designations flagged `nest`
    /// (`الأمين العام للأمم المتحدة` → also `للأمم المتحدة`).
    fn add_nested(
        &self,
        doc: &Document,
        joined: &Joined,
        facts: &Facts,
        outlet: Option<usize>,
        cands: &mut Vec<Cand>,
    ) {
        let mut nested = Vec::new();
        for c in cands.iter() {
            let Some(actor) = c.registry_actor() else { continue };
            let entry = &self.actors[actor];
            if !entry.flags.nest && entry.actor.kind != "person_role" {
                continue;
            }
            let mut t = c.tokens.start + 1;
            while t < c.tokens.end {
                if let Some(m) = self.actor_match_at(doc, joined, facts, t)
                    && m.tokens.end <= c.tokens.end
                    && let Some((inner, metonymy)) = self.pick_entry(doc, &m, outlet, &[])
                {
                    let mut x = Cand::new(m.tokens.clone(), m.span, CandKind::Direct { actor: inner });
                    x.state_metonymy = metonymy;
                    t = m.tokens.end;
                    nested.push(x);
                } else {
                    t += 1;
                }
            }
        }
        cands.extend(nested);
    }

    /// Drop role titles in apposition to a person, resolve anaphors and
    /// loyalty pronouns, and produce the mentions in text order.
    pub(crate) fn resolve_actors(
        &self,
        doc: &Document,
        facts: &Facts,
        cands: &mut [Cand],
        persons: &[FoundPerson],
    ) -> Vec<ActorMention> {
        let n = doc.tokens.len();
        let mut person_start = vec![false; n + 1];
        for p in persons {
            person_start[p.tokens.start] = true;
        }
        for c in cands.iter_mut() {
            let title_like = match &c.kind {
                CandKind::Direct { actor } => {
                    let e = &self.actors[*actor];
                    e.actor.kind == "person_role" || e.flags.role
                }
                CandKind::Anaphor { form } => self.ctx.titles.exact(form),
                _ => false,
            };
            if title_like && next_name_start(doc, c.tokens.end).is_some_and(|t| person_start[t]) {
                c.dropped = true;
            }
        }
        // A role title inside another title (`الممثل الخاص للرئيس الروسي`)
        // is part of that title, not an actor.
        for c in cands.iter_mut() {
            if let Some(actor) = c.registry_actor()
                && self.actors[actor].actor.kind == "person_role"
                && (1..=2).any(|back| {
                    c.tokens
                        .start
                        .checked_sub(back)
                        .is_some_and(|p| is_word(doc, p) && self.ctx.titles.has(doc.key(p)))
                })
            {
                c.dropped = true;
            }
        }
        // An anaphor-looking word before a name is its descriptor
        // (`المنظمة اليونيسيف`), not an anaphor.
        let starts: Vec<usize> = cands
            .iter()
            .filter(|c| c.covers_words() && c.span.start == doc.tokens[c.tokens.start].span.start)
            .map(|c| c.tokens.start)
            .collect();
        for c in cands.iter_mut() {
            if matches!(c.kind, CandKind::Anaphor { .. })
                && next_skipping_quotes(doc, c.tokens.end).is_some_and(|t| starts.contains(&t))
            {
                c.dropped = true;
            }
        }
        cands.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
        let mut hist: Vec<Hist> = Vec::new();
        let mut out: Vec<ActorMention> = Vec::new();
        for c in cands.iter() {
            if c.dropped {
                continue;
            }
            let resolved = match &c.kind {
                CandKind::Direct { actor } => Some(self.describe(*actor)),
                CandKind::Body { id, ar, en, kind } => Some(Described { id, ar, en, kind, actor: None }),
                CandKind::Anaphor { form } => self.resolve_anaphor(form, &hist).map(|a| self.describe(a)),
                CandKind::Loyal { class, patron } => {
                    let patron_id = match patron {
                        Some(p) => Some(self.actors[*p].actor.id.as_str()),
                        None => {
                            let sentence = facts.sentence(c.tokens.start);
                            hist.iter()
                                .rev()
                                .take(2)
                                .filter(|h| h.sentence + 1 >= sentence)
                                .find(|h| self.loyalty.contains_key(h.id))
                                .map(|h| h.id)
                        }
                    };
                    patron_id
                        .and_then(|p| self.loyalty.get(p))
                        .and_then(|clients| match class {
                            LoyalClass::Forces => Some(&clients.forces),
                            LoyalClass::Militias => Some(&clients.militias),
                            LoyalClass::Opponents => clients.opponents.as_ref(),
                        })
                        .and_then(|id| self.by_id.get(id))
                        .map(|&a| self.describe(a))
                }
            };
            let Some(Described { id, ar, en, kind, actor }) = resolved else { continue };
            if out.last().is_some_and(|m: &ActorMention| m.span == c.span) {
                continue;
            }
            let head_token = doc.key(c.tokens.start);
            hist.push(Hist {
                id,
                kind,
                actor,
                generic: actor.is_some_and(|a| self.actors[a].flags.generic),
                head_bare: strip_clitics(head_token),
                head_definite: strip_to_article(head_token),
                descriptor: c
                    .tokens
                    .start
                    .checked_sub(1)
                    .filter(|&p| is_word(doc, p))
                    .map(|p| strip_clitics(doc.key(p)))
                    .unwrap_or_default(),
                sentence: facts.sentence(c.tokens.start),
            });
            out.push(ActorMention {
                tokens: c.tokens.clone(),
                span: c.span,
                actor_id: id.to_string(),
                ar: ar.to_string(),
                en: en.to_string(),
                kind: kind.to_string(),
                anaphoric: matches!(c.kind, CandKind::Anaphor { .. }),
                state_metonymy: c.state_metonymy,
            });
        }
        out
    }

    fn describe(&self, actor: usize) -> Described<'_> {
        let a = &self.actors[actor].actor;
        Described { id: &a.id, ar: &a.ar, en: &a.en, kind: &a.kind, actor: Some(actor) }
    }

    /// The most recent earlier mention compatible with the anaphor's rule.
    fn resolve_anaphor(&self, form: &str, hist: &[Hist]) -> Option<usize> {
        let rule = self.anaphors.get(form)?;
        let has = |s: &str| rule.heads.iter().any(|h| h == s);
        hist.iter().rev().find_map(|h| {
            let actor = h.actor?;
            let entry = &self.actors[actor];
            let ok = if rule.surface {
                has(h.head_bare)
            } else if rule.definite {
                has(&h.head_definite) || entry.heads_definite.iter().any(|x| has(x))
            } else {
                has(h.head_bare)
                    || has(h.descriptor)
                    || entry.heads_bare.iter().any(|x| has(x))
                    || (!h.generic && rule.kinds.iter().any(|k| k == h.kind))
            };
            ok.then_some(actor)
        })
    }
}

/// The first token after `end`, skipping quotation marks and commas: where
/// an apposed name would start.
pub(crate) fn next_name_start(doc: &Document, end: usize) -> Option<usize> {
    let mut j = end;
    while j < doc.tokens.len() {
        let k = doc.key(j);
        if doc.tokens[j].kind == TokenKind::Punct && (is_quote(k) || is_comma(k)) {
            j += 1;
            continue;
        }
        return Some(j);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::Registry;
    use rasid_lexicon::Joined;
    use rasid_text::Document;

    fn actors(text: &str, outlet: Option<&str>) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        Registry::builtin()
            .find_actors(&doc, &joined, outlet)
            .into_iter()
            .map(|m| (doc.slice(m.span).to_string(), m.actor_id))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn names_clitics_and_elided_article() {
        assert_eq!(
            actors("وقال المرصد السوري لحقوق الإنسان إن قوات النظام تقدمت وفقا للمرصد", None),
            pairs(&[
                ("المرصد السوري لحقوق الإنسان", "sohr"),
                ("قوات النظام", "syrian_army"),
                ("للمرصد", "sohr"),
            ])
        );
    }

    #[test]
    fn anaphors_resolve_or_vanish() {
        assert_eq!(
            actors("أعلنت وزارة الدفاع الروسية خروج المقاتلين. وقالت الوزارة إن الممر مفتوح", None),
            pairs(&[("وزارة الدفاع الروسية", "russian_mod"), ("الوزارة", "russian_mod")])
        );
        assert!(actors("وقالت الوزارة إن الممر مفتوح", None).is_empty());
        // A byline label is not an anaphor.
        assert!(
            actors("قال مصدر عسكري إن الهجوم فشل. المصدر : وكالات", None).iter().all(|(t, _)| t != "المصدر")
        );
    }

    #[test]
    fn role_titles_in_apposition_are_not_actors() {
        let found = actors("وقال الرئيس التركي رجب طيب أردوغان إن بلاده مستعدة", None);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            actors("وأضاف الرئيس التركي قائلا", None),
            pairs(&[("الرئيس التركي", "turkish_president")])
        );
    }

    #[test]
    fn nested_bodies_in_role_titles() {
        assert_eq!(
            actors("وقال الأمين العام للأمم المتحدة إن الوضع خطير", None),
            pairs(&[("الأمين العام للأمم المتحدة", "un_secretary_general"), ("للأمم المتحدة", "un")])
        );
    }

    #[test]
    fn loyalty_designations() {
        assert_eq!(
            actors("سيطرت القوات التركية والفصائل السورية الموالية لها على المدينة", None),
            pairs(&[
                ("القوات التركية", "turkish_army"),
                ("الفصائل السورية الموالية لها", "turkey_backed_factions")
            ])
        );
    }

    #[test]
    fn sources_and_correspondents() {
        assert_eq!(
            actors("وقال مصدر في اتحاد المنظمات الطبية الإغاثية السورية إن", None),
            pairs(&[("مصدر في اتحاد المنظمات الطبية الإغاثية السورية", "uossm")])
        );
        assert_eq!(actors("وأفاد مراسل لفرانس برس بأن", None), pairs(&[("مراسل لفرانس برس", "afp")]));
        assert_eq!(actors("قال سكان إن القصف استمر", None), pairs(&[("سكان", "residents_and_witnesses")]));
        assert!(actors("يبلغ عدد سكان المدينة مئة ألف", None).is_empty());
    }

    #[test]
    fn outlet_names_that_are_common_words() {
        assert!(actors("في منطقة الشرق الأوسط", None).is_empty());
        assert_eq!(
            actors("وقال لـ«الشرق الأوسط» إن", Some("Asharq Al-Awsat")),
            pairs(&[("الشرق الأوسط", "asharq_al_awsat")])
        );
    }

    #[test]
    fn states_and_places() {
        assert_eq!(actors("وسارعت دمشق إلى نفي ذلك", None), pairs(&[("دمشق", "syrian_government")]));
        assert!(actors("سقطت قذائف قرب دمشق", None).is_empty());
        assert_eq!(actors("نقل الجرحى إلى تركيا", None), pairs(&[]));
    }

    #[test]
    fn designations_on_place_names() {
        assert_eq!(
            actors("وقال المجلس المحلي لمدينة دوما إن", None),
            pairs(&[("المجلس المحلي لمدينة دوما", "body_almjls_almhly_lmdynh_dwma")])
        );
        assert!(actors("نقل إلى مستشفى ميداني", None).is_empty());
    }
}
