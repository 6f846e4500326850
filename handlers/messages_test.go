package handlers

import (
	"testing"

	"github.com/thanhhoa/investbot"
)

// Every interface string exists in all four languages, so no user ever gets
// a silent fallback to English for a translation someone forgot.
func TestMessagesTranslated(t *testing.T) {
	for m, text := range ui {
		for _, l := range investbot.Langs {
			if text[l] == "" {
				t.Errorf("message %d has no %s text", m, l)
			}
		}
	}
	for k, text := range understandText {
		for _, l := range investbot.Langs {
			if text[l] == "" {
				t.Errorf("short-answer text %s has no %s text", k, l)
			}
		}
	}
	for stage, text := range stageNames {
		for _, l := range investbot.Langs {
			if text[l] == "" {
				t.Errorf("stage %s has no %s name", stage, l)
			}
		}
	}
	for l, labels := range compareLabels {
		if len(labels) != 5 {
			t.Errorf("compare labels for %s: %v", l, labels)
		}
	}
}

func TestEveryMessageKeyHasText(t *testing.T) {
	for m := msgWelcome; m <= msgEntryGone; m++ {
		if _, ok := ui[m]; !ok {
			t.Errorf("message key %d has no text", m)
		}
	}
}
