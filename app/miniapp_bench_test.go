package app_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/internal/tgtest"
	"github.com/thanhhoa/investbot/webapp"
)

// BenchmarkMiniAppFirstRender opens the Mini App in headless chromium,
// as Telegram would, until the zone cards of the bundled knowledge base
// are on screen, with the browser cache off: on the loopback and on an
// emulated 3G link (750 kbit/s down, 250 up, 300 ms latency). It reports
// the time from navigation to the zones on screen (ms/render), the bytes
// the page loaded (page-bytes: HTML, CSS, JS, texts, /me and the zones
// JSON, uncompressed) and what crossed the network (transfer-bytes:
// gzipped, with headers).
//
//	go test -run '^$' -bench MiniAppFirstRender -benchtime 10x ./app/
func BenchmarkMiniAppFirstRender(b *testing.B) {
	bctx := browser(b)
	front := tgtest.NewFake(b)
	env := map[string]string{"TELEGRAM_BOT_TOKEN": e2eToken, "TELEGRAM_API_ENDPOINT": front.URL, "LISTEN_ADDR": "127.0.0.1:0", "LOG_LEVEL": "error"}
	cfg, err := config.Parse(func(k string) string { return env[k] })
	if err != nil {
		b.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler), app.Options{PollTimeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	b.Cleanup(func() { cancel(); <-done; a.Close() })
	for a.Addr() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	links := []struct {
		name string
		cond *network.Conditions
	}{
		{"loopback", nil},
		{"3g", &network.Conditions{Latency: 300, DownloadThroughput: 750_000 / 8, UploadThroughput: 250_000 / 8}},
	}
	for _, link := range links {
		b.Run(link.name, func(b *testing.B) {
			var total, bytes, sent float64
			for range b.N {
				b.StopTimer()
				tctx := tab(b, bctx)
				setup := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
					if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
						return err
					}
					if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
						return err
					}
					if link.cond == nil {
						return nil
					}
					_, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{link.cond}})
					return err
				})
				if err := run(tctx, setup); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var ms, weight, transfer float64
				err := run(tctx,
					chromedp.Navigate(appURL(a, "en", webapp.SignUser(e2eToken, 9401, "en", time.Now()), lightTheme)),
					chromedp.WaitVisible(`body[data-ready="1"]`),
					into(chromedp.Evaluate[float64](`performance.getEntriesByName("ready")[0].startTime`), &ms),
					into(chromedp.Evaluate[float64](`performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((s, e) => s + e.decodedBodySize, 0)`), &weight),
					into(chromedp.Evaluate[float64](`performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((s, e) => s + e.transferSize, 0)`), &transfer),
				)
				if err != nil {
					b.Fatal(err)
				}
				total += ms
				bytes, sent = weight, transfer
			}
			b.ReportMetric(total/float64(b.N), "ms/render")
			b.ReportMetric(bytes, "page-bytes")
			b.ReportMetric(sent, "transfer-bytes")
		})
	}
}
