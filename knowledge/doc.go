// Package knowledge is the engine that answers questions from a knowledge
// base. The knowledge base itself — entry types, loading, validation, the
// version id, the bundled data — is package knowledge/base; New indexes a
// loaded base.KB (Load passes a loader's error on:
// knowledge.Load(base.Parse(files))), and the KB it returns embeds the
// base, so kb.Entries(), kb.Entry(id) and kb.Version() read the model. Text
// folding and number extraction, which validation shares with matching,
// are package knowledge/textnorm.
//
// # Understanding
//
// Match reads a question once into a value (understand.go: text, language,
// normalised form, the entities it names, the aspects it asks, whether it
// leans on the conversation) and runs an ordered list of named steps, each
// of which may settle the result:
//
//	meta        empty, an instruction to the bot, or a question about the bot
//	entity      one entity named alone ("JETRO?", "sumitomo", "What is FDI?")
//	            → its main entry
//	compare     two or three zones with a comparison cue → side by side;
//	            other things compared (partners, figures) → each side's own
//	            entry, a side told by splitting at the cue files' joins
//	            when the question does not name it; a side the sources
//	            never mention → said so, the other side given
//	search      BM25 retrieval and calibration (below)
//	parts       a message asking several things → each answered: its
//	            sentences with a question mark, one asking in words alone
//	            before such a sentence ("…は何ですか。また、…は？") or opening
//	            with a continuation after it, numbered items ("(1) … (2) …",
//	            "①…②…"); a part without a subject inherits the frame; parts
//	            all asking of one entry → that entry; parts nothing answers
//	            are said to have no answer (Result.Unsure)
//	constraint  a message of digits names nothing; an entity the question
//	            names that the chosen entry never mentions moves the answer to
//	            that entity's own entry; an answer carried only by framing
//	            words ("how far" → FDI "so far") is not stated
//	follow-up   a question that leaves out its subject inherits the
//	            conversation's frame (Query.Frame): "how big is it?", "what
//	            about Sumitomo?", "and the second phase?"; a person
//	            follow-up ("his title?") goes to the entry naming the
//	            person, or is refused when the frame names nobody
//	entity-fact a short question naming one entity and asking a post or a
//	            builder ("ông Pajongwit giữ chức gì?") → the entity's entry,
//	            or a related one holding the question's other words
//	calibrate   a price per m² is refused; nothing known is out of scope
//
// Entities come from the gazetteer (gazetteer.go), built at load from the
// data: each entry's `aliases` (it is the main entry of those names), its
// titles in four languages, a zone's host park, an office's name. Aspects,
// pronouns, demonstratives ("その団体", "hiệp hội đó"), continuations ("what
// about"), words announcing a new topic and filler words come from one cue
// file per language (knowledge/lang/*.yaml), loaded and checked at start:
// a new language is a new file. The result carries the frame the answer
// leaves (entity, aspect, entries shown, language) for the session.
//
// # Answering
//
// The search step runs one pipeline, with everything that depends only on
// the knowledge base computed at load:
//
//  1. Normalise: NFKC (composition plus full-/half-width folding), lower
//     case, Latin diacritics removed so that "khu cong nghiep nghi son"
//     meets "Khu công nghiệp Nghi Sơn", punctuation and emoji to spaces,
//     control/format characters and invalid UTF-8 dropped, at most 2,000
//     runes read (a forwarded e-mail keeps its question, at bounded cost).
//  2. Detect the language from scripts (Hangul, kana/kanji), Vietnamese
//     letters, or common unaccented Vietnamese (its chat shorthand too:
//     "bn", "xnk") and English words. It picks
//     the answer language; matching itself is language-blind, because the
//     scripts do not collide and one index serves all four languages.
//  3. Tokenise: Latin words (English suffixes stemmed, stop words dropped)
//     plus pairs of adjacent words — Vietnamese words are two syllables,
//     and "bong da" (football) means nothing its syllables mean. Japanese
//     runs are cut where kanji/katakana meet hiragana (particles, endings)
//     and turned into character bigrams, with single kanji as light extra
//     terms; Korean words lose their particles and endings (words/ko.yaml
//     endings), then become bigrams. Before any of this, casual and
//     mistyped endings are read as meant (words/*.yaml respell: "어디애요",
//     "목표눈"), and a katakana or Korean word one slip from a name of the
//     data as that name ("ジュトロ", "스미또모"), and a Latin word the
//     entries do not hold one slip (two from eight letters) from exactly
//     one word of theirs as that word ("investmnet", "Nghi Sonn",
//     "nhta ban": slips.go; ordinary English words of
//     words/dictionary/en.txt, the word files' words, other forms of a
//     word, abbreviations and capitalised names the entries do not write
//     are kept; a word shaped like a Vietnamese syllable only when the
//     word meant pairs with its neighbour). Example questions are indexed
//     as read the same way. A bigram across the seam of two words typed without a
//     space ("투자규모" → "자규") does not count against coverage. Unknown Latin words are corrected to a vocabulary word within
//     one or two edits through a deletion index (no scan of the vocabulary).
//  4. Retrieve with BM25 from postings lists. Each entry has one "fields"
//     document (title and keywords weigh 3, answer 1) and one document per
//     example question. An entry scores its best example plus 0.6 × its
//     fields score: the examples say how people ask, the max keeps one
//     long list of examples from outweighing a short one, and the fields
//     catch words no example used. Scores accumulate only over the
//     documents that share a term with the question, so the cost follows
//     the question's terms, not the size of the knowledge base.
//  5. Calibrate. Raw scores are not comparable between questions, so the
//     confidence is a logistic function of three signals of the best
//     entry — coverage (the share of the question's IDF mass it explains,
//     unknown words counting at full IDF but capped so that a long e-mail
//     is not drowned by its greetings), the relative margin over the
//     runner-up, and the log of the score — fitted on leave-one-out matches
//     of the examples and out-of-scope probes (calibrate_test.go), then
//     gated: an entry explaining less than 30% of the question gets 0, full
//     weight from 55% (both lowered by up to 0.1 when the entry leads the
//     runner-up by 45–70% or more). A question naming another province or country gets
//     at most 0.3 unless the entry itself names the place. Confident means
//     confidence ≥ ConfidentAt and not Ambiguous; Ambiguous means the
//     runner-up scores within 7% while covering the question as well — the
//     bot then asks "did you mean" — unless the best is confident from
//     answerBothAt (0.75), when the runner-up is answered alongside it
//     (Result.Also). Attempts to steer the bot ("ignore
//     previous instructions", "システムプロンプト") are OutOfScope outright.
//
// Four rules help with questions no example anticipated. A small
// cross-lingual lexicon (area/diện tích/面積/면적, total/lũy kế/累計/누적,
// ...) adds a question's synonyms at weight 0.2, and an entry matched
// through a synonym is credited with the question's own word in coverage.
// Years decide between siblings: an entry's period comes from its English
// title, a question naming another year scales the entry down, an
// undated sibling yields to one dated exactly that year, and a question
// naming no year or recent period ("how many FDI projects are there")
// prefers the undated sibling (years.go). A list question ("list of
// industrial parks", "danh sách KCN") lifts the ".overview" entry of its
// topic above the members it lists (lists.go). A long message
// that is not answered confidently as a whole is retried on its question
// sentences (greetings and signatures dropped). Questions addressed to the
// bot ("what can you do?", "bạn là ai", "使い方") go to faq.about-bot
// through a phrase list, since they consist of stop words; a short one that
// makes the bot its subject and describes it by an entity ("are you
// Japanese?", cue words `youare`) is declined; and a question
// naming a topic the knowledge base never answers (visa, weather, hotel,
// exchange rate) is capped like one about another place. Korean question
// words and endings (얼마나, 어떻게, 습니까) and Japanese framing kanji (何, 教)
// are dropped, and hiragana endings do not count towards coverage. A few
// Vietnamese compounds of stop syllables keep a term of their own ("an do",
// Ấn Độ), Korean nouns that end like an ending keep it (분야), and the
// country "US" is spelt "USA" before case folding makes it "us".
//
// A short question that leans on the previous answer is resolved by the
// follow-up step from the conversation's frame: an aspect of a place (area,
// developer, location, stage, investment) answers from that place (or the
// last zone shown); "contact" and "incentives" answer with its related
// contact or incentive entry.
//
// Why not a neural model: the bot must run offline in one small binary,
// answer in well under a millisecond, explain itself to editors (every
// answer traces to examples and words), and above all refuse when unsure.
// Example-driven BM25 with calibrated refusal does that; the optional LLM
// fallback wraps this engine for the questions it declines.
package knowledge
