package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/internal/tgtest"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/redisstore"
	"github.com/thanhhoa/investbot/webapp"
)

// The Mini App end to end: the real App (Redis, the Bot API emulator)
// serves /app/, and Debian's chromium, driven by chromedp, acts as the
// Telegram client that opens it — with initData signed by the bot token,
// passed in the URL fragment as Telegram does.

const miniAdmin = 9101

// Theme parameters as Telegram sends them (its default day and night
// themes), for the light and dark screenshots.
var (
	lightTheme = `{"bg_color":"#ffffff","text_color":"#000000","hint_color":"#707579","link_color":"#3390ec","button_color":"#3390ec","button_text_color":"#ffffff","secondary_bg_color":"#f4f4f5"}`
	darkTheme  = `{"bg_color":"#212121","text_color":"#ffffff","hint_color":"#aaaaaa","link_color":"#8774e1","button_color":"#8774e1","button_text_color":"#ffffff","secondary_bg_color":"#0f0f0f"}`
)

// chromium returns the browser to drive, or skips the test when none is
// installed (scripts/test.sh installs Debian's chromium with apt-get).
func chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Skip("no chromium on this machine: the Mini App browser tests need it (scripts/test.sh installs it with apt-get install chromium)")
	return ""
}

// browser starts a headless chromium with a fresh profile at phone size
// and returns a context for new tabs.
func browser(tb testing.TB) context.Context {
	tb.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(tb)),
		chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(390, 844),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if _, err := chromedp.Run(bctx, chromedp.Steps()); err != nil {
		cancelAlloc()
		tb.Fatalf("start chromium: %v", err)
	}
	tb.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	return bctx
}

// tab opens a new tab (its own sessionStorage: a new Mini App client).
func tab(tb testing.TB, browserCtx context.Context) context.Context {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	// The first run opens the tab, which lives as long as that run's
	// context: no deadline here.
	if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		tb.Fatalf("open a tab: %v", err)
	}
	tb.Cleanup(cancel)
	return ctx
}

// appURL is the address Telegram would open: the page, the language the
// bot asked for, and initData and theme in the fragment.
func appURL(a *app.App, lang, initData, theme string) string {
	return fmt.Sprintf("http://%s/app/?lang=%s#tgWebAppData=%s&tgWebAppThemeParams=%s",
		a.Addr(), lang, url.QueryEscape(initData), url.QueryEscape(theme))
}

// step is a browser action without a result; into keeps an action's
// result in dst, so that a scenario reads as one list of steps.
type step = chromedp.Action[chromedp.Void]

func into[T any](a chromedp.Action[T], dst *T) step {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		v, err := a(ctx, t)
		*dst = v
		return err
	})
}

// run runs steps within the end-to-end tests' hang bound; on failure the error carries what the
// page shows, to tell a slow page from a broken one.
func run(ctx context.Context, steps ...step) error {
	tctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	_, err := chromedp.Run(tctx, chromedp.Steps(steps...))
	if err != nil && ctx.Err() == nil {
		dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if page, derr := chromedp.Run(dctx, chromedp.Evaluate[string](`location.pathname + " | " + document.body.innerText.slice(0, 600)`)); derr == nil {
			err = fmt.Errorf("%w; the page shows: %s", err, page)
		}
	}
	return err
}

// eval runs JavaScript for its effect.
func eval(js string) step {
	var ignored any
	return into(chromedp.Evaluate[any](js), &ignored)
}

// setValue sets a form control as a user would and fires its events.
func setValue(sel, value string) step {
	return eval(fmt.Sprintf(`(() => { const n = document.querySelector(%q); n.value = %q;
		n.dispatchEvent(new Event("input", {bubbles: true})); n.dispatchEvent(new Event("change", {bubbles: true})); })()`, sel, value))
}

func count(sel string, n *int) step {
	return into(chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)), n)
}

func TestMiniAppInBrowser(t *testing.T) {
	bctx := browser(t)
	_, front, c := emulated(t)
	prefix := uniquePrefix(t)
	r := startApp(t, map[string]string{"TELEGRAM_API_ENDPOINT": front.URL, "ADMIN_IDS": fmt.Sprint(miniAdmin), "WEBAPP_URL": "https://bot.example.org/app/"}, app.Options{RedisPrefix: prefix})
	a := r.app

	t.Run("the chat menu button opens the app", func(t *testing.T) {
		calls := front.WaitCalls(t, "setChatMenuButton", 1, wait)
		if got := calls[0].Params.Get("menu_button"); !strings.Contains(got, `"type":"web_app"`) || !strings.Contains(got, `"url":"https://bot.example.org/app/"`) {
			t.Errorf("setChatMenuButton menu_button = %s", got)
		}
	})

	t.Run("an investor filters and compares zones and leaves a lead", func(t *testing.T) {
		ctx := tab(t, bctx)
		var shown, thai, parks int
		var table, fieldErr, status string
		err := run(ctx,
			chromedp.Navigate(appURL(a, "en", webapp.SignUser(e2eToken, 9201, "en", time.Now()), lightTheme)),
			chromedp.WaitVisible(`body[data-ready="1"]`),
			count("article.card", &shown),
			setValue("#f-country", "Thailand"),
			count("article.card", &thai),
			setValue("#f-type", "industrial_park"),
			count("article.card", &parks),
			chromedp.Click(`input.cmp[data-id="zone.wha-smart-tech-1"]`),
			chromedp.Click(`input.cmp[data-id="zone.wha-thieu-hoa"]`),
			chromedp.Click("#compare"),
			chromedp.WaitVisible("#compare-table"),
			into(chromedp.Text("#compare-table"), &table),
		)
		if err != nil {
			t.Fatal(err)
		}
		if shown != 8 || thai != 4 || parks != 3 {
			t.Errorf("cards: %d in all, %d by Thai developers, %d Thai industrial parks; want 8, 4, 3", shown, thai, parks)
		}
		for _, want := range []string{"WHA Group (Thailand)", "178 ha", "Thiệu Hóa", "Source"} {
			if !strings.Contains(table, want) {
				t.Errorf("comparison lacks %q:\n%s", want, table)
			}
		}
		// The lead form: a wrong e-mail gets the chat's own message.
		fill := []step{
			chromedp.Click("#tab-contact"),
			chromedp.WaitVisible("#lead-consent"),
			chromedp.SendKeys("#lead-name", "Aiko Tanaka"),
			chromedp.SendKeys("#lead-company", "Tanaka Seiki"),
			setValue("#lead-country-choice", "Japan"),
			setValue("#lead-sector-choice", "electronics"),
			chromedp.SendKeys("#lead-investment_usd", "5m"),
			chromedp.SendKeys("#lead-land_ha", "3"),
			setValue("#lead-timeline-choice", "6-12m"),
			chromedp.SendKeys("#lead-contact", "aiko at example"),
			chromedp.Click("#lead-consent"),
			chromedp.Click("#lead-submit"),
			chromedp.WaitVisible("#lead-contact-error:not(:empty)"),
			into(chromedp.Text("#lead-contact-error"), &fieldErr),
			setValue("#lead-contact", "aiko@example.co.jp"),
			chromedp.Click("#lead-submit"),
			chromedp.WaitVisible("#lead-status.okmsg"),
			into(chromedp.Text("#lead-status"), &status),
		}
		if err := run(ctx, fill...); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(fieldErr, "valid e-mail address") {
			t.Errorf("contact error %q, want the chat form's message", fieldErr)
		}
		if !strings.Contains(status, "Thank you") {
			t.Errorf("status %q", status)
		}
		st, err := redisstore.Open(context.Background(), "redis://"+redisAddr()+"/0", redisstore.Options{Prefix: prefix})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		leads, err := st.Leads(context.Background())
		if err != nil || len(leads) != 1 || leads[0].UserID != 9201 || leads[0].Fields["company"] != "Tanaka Seiki" || leads[0].Fields["investment_usd"] != "5000000 USD" {
			t.Errorf("leads in Redis: %+v, %v", leads, err)
		}
	})

	t.Run("an admin fixes a parity error, publishes, and the bot answers from the new version", func(t *testing.T) {
		ctx := tab(t, bctx)
		var problems, published string
		// The marker goes first: the end of an answer may be an
		// instruction the bot leaves out where no desk group is set.
		edit := func(lang, prefix string) step {
			return eval(fmt.Sprintf(`(() => { const n = document.querySelector("#answer-%s");
				n.value = n.dataset.orig = (n.dataset.orig || n.value); n.value = %q + n.value;
				n.dispatchEvent(new Event("input", {bubbles: true})); })()`, lang, prefix))
		}
		err := run(ctx,
			chromedp.Navigate(appURL(a, "en", webapp.SignUser(e2eToken, miniAdmin, "en", time.Now()), lightTheme)),
			chromedp.WaitVisible(`body[data-ready="1"]`),
			chromedp.Click("#tab-editor"),
			chromedp.WaitVisible(`#entry-list button`),
			chromedp.SendKeys("#search", "why-thanh"),
			chromedp.WaitVisible(`#entry-list button[data-id="faq.why-thanh-hoa"]`),
			chromedp.Click(`#entry-list button[data-id="faq.why-thanh-hoa"]`),
			chromedp.WaitVisible("#valid"),
			// Two languages edited, with a number the other two lack.
			edit("en", "Mini App marker: 4242 hectares. "),
			edit("ja", "ミニアプリ：4242ヘクタール。"),
			chromedp.WaitVisible("#problems .problems li"),
			into(chromedp.Text("#problems"), &problems),
			// Fixed: the sentence without the number.
			edit("en", "Mini App marker. "),
			edit("ja", "ミニアプリ。"),
			chromedp.WaitVisible("#valid"),
			chromedp.WaitVisible(`#preview-en`),
			chromedp.Click("#publish"),
			chromedp.WaitVisible("#publish-status.okmsg"),
			into(chromedp.Text("#publish-status"), &published),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(problems, `number parity: en "4242`) || !strings.Contains(problems, "answer.vi, answer.ko") {
			t.Errorf("problems shown: %q", problems)
		}
		if !strings.Contains(published, "Version 1") {
			t.Errorf("publish status %q", published)
		}
		kb, err := knowledge.Load(base.Bundled())
		if err != nil {
			t.Fatal(err)
		}
		// Every replica follows the published version within seconds:
		// ask once this one serves it.
		waitReady(t, a, func(body string) bool { return !strings.Contains(body, kb.Version()) })
		u := tgtest.User{ID: 9202, FirstName: "Ken", LanguageCode: "en"}
		c.SendText(t, u, tgtest.Private(u), kb.Entry("faq.why-thanh-hoa").Examples[investbot.EN][0])
		got := lastText(c.WaitChatMessages(t, u.ID, 1, wait))
		if !strings.Contains(got, "Mini App marker.") {
			t.Errorf("the bot still answers from the old version:\n%s", got)
		}
	})

	t.Run("an admin editing contact data gets kb validate's message", func(t *testing.T) {
		ctx := tab(t, bctx)
		var problems, diff, bg, button string
		err := run(ctx,
			chromedp.Navigate(appURL(a, "en", webapp.SignUser(e2eToken, miniAdmin, "en", time.Now()), darkTheme)),
			chromedp.WaitVisible(`body[data-ready="1"]`),
			// Telegram's theme parameters are the page's colours.
			into(chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`), &bg),
			into(chromedp.Evaluate[string](`getComputedStyle(document.querySelector("#tab-zones")).backgroundColor`), &button),
			chromedp.Click("#tab-editor"),
			chromedp.WaitVisible(`#entry-list button[data-id="contact.japan-desk"]`),
			chromedp.Click(`#entry-list button[data-id="contact.japan-desk"]`),
			chromedp.WaitVisible("#valid"),
			setValue("#contact-phone", "call the desk"),
			chromedp.WaitVisible("#problems .problems li"),
			into(chromedp.Text("#problems"), &problems),
			into(chromedp.Text("#diff"), &diff),
		)
		if err != nil {
			t.Fatal(err)
		}
		if bg != "rgb(33, 33, 33)" || button != "rgb(135, 116, 225)" {
			t.Errorf("colours %s and %s, want the theme's bg_color #212121 and button_color #8774e1", bg, button)
		}
		if !strings.Contains(problems, `contact.phone "call the desk" does not look like a phone number`) {
			t.Errorf("problems shown: %q", problems)
		}
		if !strings.Contains(diff, "phone: call the desk") {
			t.Errorf("diff shown: %q", diff)
		}
	})

	t.Run("forged initData is refused", func(t *testing.T) {
		ctx := tab(t, bctx)
		var msg string
		var cards int
		err := run(ctx,
			chromedp.Navigate(appURL(a, "en", webapp.SignUser("999:not-the-bot-token", miniAdmin, "en", time.Now()), lightTheme)),
			chromedp.WaitVisible("#auth-error"),
			into(chromedp.Text("#auth-error"), &msg),
			count("article.card", &cards),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(msg, "Open this page from the bot") || cards != 0 {
			t.Errorf("forged initData: %q, %d cards shown", msg, cards)
		}
	})

	if dir := os.Getenv("MINIAPP_SCREENSHOTS"); dir != "" {
		t.Run("screenshots", func(t *testing.T) { screenshots(t, bctx, a, dir) })
	}
}

// screenshots writes the main pages at phone size, light and dark, to dir
// (docs/screenshots: MINIAPP_SCREENSHOTS=$PWD/docs/screenshots).
func screenshots(t *testing.T, bctx context.Context, a *app.App, dir string) {
	pages := []struct {
		name  string
		user  int64
		steps []step
	}{
		{"zones", 9301, nil},
		{"compare", 9302, []step{
			chromedp.Click(`input.cmp[data-id="zone.wha-smart-tech-1"]`), chromedp.Click(`input.cmp[data-id="zone.west-thanh-hoa"]`),
			chromedp.Click("#compare"), chromedp.WaitVisible("#compare-table")}},
		{"figures", 9303, []step{chromedp.Click("#tab-figures"), chromedp.WaitVisible("section.chart")}},
		{"contact", 9304, []step{chromedp.Click("#tab-contact"), chromedp.WaitVisible("#lead-name")}},
		{"editor", miniAdmin, []step{chromedp.Click("#tab-editor"), chromedp.WaitVisible(`#entry-list button`),
			chromedp.Click(`#entry-list button[data-id="stat.exports-2025"]`), chromedp.WaitVisible("#valid")}},
	}
	for _, theme := range []struct{ name, params string }{{"light", lightTheme}, {"dark", darkTheme}} {
		for _, p := range pages {
			ctx := tab(t, bctx)
			var png []byte
			steps := append([]step{
				chromedp.Navigate(appURL(a, "en", webapp.SignUser(e2eToken, p.user, "en", time.Now()), theme.params)),
				chromedp.WaitVisible(`body[data-ready="1"]`),
			}, p.steps...)
			steps = append(steps, into(chromedp.CaptureScreenshot(), &png))
			if err := run(ctx, steps...); err != nil {
				t.Fatalf("%s %s: %v", p.name, theme.name, err)
			}
			if err := os.WriteFile(filepath.Join(dir, "miniapp-"+p.name+"-"+theme.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// waitReady polls /readyz (which names the knowledge-base version in
// force) until ok accepts its body.
func waitReady(t *testing.T, a *app.App, ok func(body string) bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		resp, err := http.Get("http://" + a.Addr().String() + "/readyz")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if ok(string(b)) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz did not change within %s", wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
