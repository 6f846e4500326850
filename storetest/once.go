package storetest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
)

// RunOnce runs the once-only jobs contract against fresh stores made by
// open.
func RunOnce(t *testing.T, open func(t *testing.T) investbot.Oncer) {
	st := open(t)
	ctx := context.Background()
	job := "stale:" + strconv.FormatInt(newID(), 10) + ":"
	first, err := st.Once(ctx, job+"2026-W02", time.Minute)
	if err != nil || !first {
		t.Fatalf("first claim = %v, %v", first, err)
	}
	if again, _ := st.Once(ctx, job+"2026-W02", time.Minute); again {
		t.Errorf("the same job was claimed twice")
	}
	if other, _ := st.Once(ctx, job+"2026-W03", time.Minute); !other {
		t.Errorf("another week is another job")
	}
}
