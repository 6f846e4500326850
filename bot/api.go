package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxResponseBytes bounds what the bot reads from one Bot API answer; a
// getUpdates batch of 100 large updates stays well below it.
const maxResponseBytes = 16 << 20

// APIError is a failed Bot API call. It carries the HTTP status and the
// Bot API error fields so that the sender can tell a flood wait (429 with
// RetryAfter), a server failure worth retrying (5xx) and a permanent
// refusal (other 4xx) apart. Its text never contains the bot token.
type APIError struct {
	Method      string
	Status      int // HTTP status
	Code        int // Bot API error_code; the HTTP status when absent
	Description string
	RetryAfter  time.Duration
}

func (e *APIError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("bot: %s: %d %s (retry after %s)", e.Method, e.Code, e.Description, e.RetryAfter)
	}
	return fmt.Sprintf("bot: %s: %d %s", e.Method, e.Code, e.Description)
}

// Temporary reports whether repeating the same call later may succeed.
func (e *APIError) Temporary() bool {
	return e.Code == http.StatusTooManyRequests || e.Code >= 500 || e.Status >= 500
}

// upload is one file sent as a multipart part.
type upload struct {
	field string
	name  string
	data  []byte
}

// api performs Bot API calls with a context, through the HTTP client the
// library was built with. The library's own MakeRequest takes no context,
// hides the HTTP status and returns *url.Error values whose text contains
// the token; this small layer fixes all three.
type api struct {
	client   tgbotapi.HTTPClient
	endpoint string // "http://host/bot%s/%s"
	token    string
}

// call posts params (and files, as multipart) to method and returns the
// raw "result". Errors are *APIError for answers from the server, or a
// wrapped transport error with the token scrubbed.
func (a *api) call(ctx context.Context, method string, params tgbotapi.Params, files []upload) (json.RawMessage, error) {
	u := fmt.Sprintf(a.endpoint, a.token, method)
	var (
		body  io.Reader
		ctype string
	)
	if len(files) == 0 {
		v := url.Values{}
		for k, val := range params {
			v.Set(k, val)
		}
		body, ctype = strings.NewReader(v.Encode()), "application/x-www-form-urlencoded"
	} else {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for k, val := range params {
			if err := w.WriteField(k, val); err != nil {
				return nil, fmt.Errorf("bot: %s: encode: %w", method, err)
			}
		}
		for _, f := range files {
			part, err := w.CreateFormFile(f.field, f.name)
			if err != nil {
				return nil, fmt.Errorf("bot: %s: encode: %w", method, err)
			}
			if _, err := part.Write(f.data); err != nil {
				return nil, fmt.Errorf("bot: %s: encode: %w", method, err)
			}
		}
		if err := w.Close(); err != nil {
			return nil, fmt.Errorf("bot: %s: encode: %w", method, err)
		}
		body, ctype = &buf, w.FormDataContentType()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, body)
	if err != nil {
		return nil, a.scrub(fmt.Errorf("bot: %s: %w", method, err))
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, a.scrub(fmt.Errorf("bot: %s: %w", method, err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return nil, a.scrub(fmt.Errorf("bot: %s: read answer: %w", method, err))
	}
	var ar tgbotapi.APIResponse
	if err := json.Unmarshal(raw, &ar); err != nil {
		// Not a Bot API answer (a proxy error page, or the emulator's
		// {"message": ...} for methods it lacks): keep the HTTP status.
		code := resp.StatusCode
		if code < 400 {
			code = http.StatusBadGateway
		}
		return nil, &APIError{Method: method, Status: resp.StatusCode, Code: code, Description: a.redact(snippet(raw))}
	}
	if !ar.Ok {
		e := &APIError{Method: method, Status: resp.StatusCode, Code: ar.ErrorCode, Description: a.redact(ar.Description)}
		if e.Code == 0 {
			e.Code = resp.StatusCode
		}
		if e.Description == "" {
			e.Description = a.redact(snippet(raw))
		}
		if ar.Parameters != nil && ar.Parameters.RetryAfter > 0 {
			e.RetryAfter = time.Duration(ar.Parameters.RetryAfter) * time.Second
		}
		return nil, e
	}
	return ar.Result, nil
}

// snippet shortens an unexpected body for an error message.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	if s == "" {
		s = "empty answer"
	}
	return s
}

// redact removes the token from s.
func (a *api) redact(s string) string {
	return redactToken(s, a.token)
}

func redactToken(s, token string) string {
	if token == "" {
		return s
	}
	s = strings.ReplaceAll(s, token, "<token>")
	// The token may appear URL-escaped (':' becomes %3A).
	return strings.ReplaceAll(s, url.PathEscape(token), "<token>")
}

// scrub wraps err so that its text never contains the token; errors.Is
// and errors.As still reach the cause (context.Canceled, net errors).
func (a *api) scrub(err error) error {
	if err == nil || a.token == "" {
		return err
	}
	return &scrubbedError{msg: a.redact(err.Error()), err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Unwrap returns the cause. A *url.Error in the chain still holds the
// full URL: log the error itself, not what Unwrap returns.
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubError removes token from the text of an error the library returned.
func scrubError(err error, token string) error {
	if err == nil || token == "" {
		return err
	}
	return &scrubbedError{msg: redactToken(err.Error(), token), err: err}
}

// deadlineClient bounds every call by timeout, whatever deadline the
// caller's context already has: a caller's deadline is for the whole
// handling (retries included), and one hung call must not use it all up.
// The long poll, which waits on purpose, asks for more with
// withCallTimeout.
type deadlineClient struct {
	c       *http.Client
	timeout time.Duration
}

type callTimeoutKey struct{}

// withCallTimeout gives the calls made with ctx their own per-call limit.
func withCallTimeout(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, callTimeoutKey{}, d)
}

func (d deadlineClient) Do(req *http.Request) (*http.Response, error) {
	timeout := d.timeout
	if t, ok := req.Context().Value(callTimeoutKey{}).(time.Duration); ok {
		timeout = t
	}
	if timeout <= 0 {
		return d.c.Do(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), timeout)
	resp, err := d.c.Do(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// isTemporary reports whether err (from api.call) is worth retrying.
func isTemporary(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Temporary()
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	// Transport errors: connection refused or reset, a per-attempt timeout.
	// The caller stops anyway once its own context is done.
	return true
}

// retryAfter returns the flood wait an error asks for, or 0.
func retryAfter(err error) time.Duration {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.RetryAfter
	}
	return 0
}
