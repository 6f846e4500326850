package handlers

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

// msgKeys returns every msg constant the package's files declare, and
// every string literal they write where a msg is expected in the tables
// (lead form fields and choices), so that a key typed wrong anywhere is
// caught here rather than as a panic in front of a user.
func msgKeys(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "msg" {
					for i, v := range n.Values {
						if lit, ok := v.(*ast.BasicLit); ok {
							s, _ := strconv.Unquote(lit.Value)
							keys[s] = fset.Position(lit.Pos()).String() + " " + n.Names[i].Name
						}
					}
				}
			case *ast.CallExpr:
				// r.t("key", …), tr(loc, "key", …): a literal key.
				for _, a := range n.Args {
					if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "t" || sel.Sel.Name == "text" || sel.Sel.Name == "list") {
							s, _ := strconv.Unquote(lit.Value)
							keys[s] = fset.Position(lit.Pos()).String()
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range leadFields {
		for _, m := range []msg{f.label, f.prompt, f.invalid} {
			keys[string(m)] = "leadFields " + f.key
		}
		for _, c := range f.choices {
			keys[string(c.label)] = "leadFields " + f.key + " choice " + c.value
		}
	}
	for _, c := range commandHelp {
		keys[string(helpKey(c.Name))] = "commandHelp " + c.Name
	}
	for _, s := range []base.Stage{base.StagePlanned, base.StageApproved, base.StageInvesting, base.StageUnderConstruction, base.StageOperating} {
		keys[string(stageKey(s))] = "stage " + string(s)
	}
	for _, m := range kindMenus {
		keys[string(m)] = "kindMenus"
	}
	return keys
}

// TestEveryKeyIsInTheLocales: each key the handlers look up is a text or a
// list of the locale files (which the locales package checks complete in
// every language), so no user gets a panic or a blank button.
func TestEveryKeyIsInTheLocales(t *testing.T) {
	c := locales.Default()
	keys := msgKeys(t)
	if len(keys) < 150 {
		t.Fatalf("found only %d keys: is the scan broken?", len(keys))
	}
	for k, where := range keys {
		if !c.HasText(k) && !c.HasList(k) {
			t.Errorf("%s: key %q is in no locale file", where, k)
		}
	}
	if n := len(c.List(string(listWeekdays), "en")); n != 7 {
		t.Errorf("weekdays: %d names", n)
	}
	if n := len(c.List(string(listCompareLabels), "en")); n != 5 {
		t.Errorf("compare labels: %d", n)
	}
}

// TestKeyScanCatchesATypo: the scan above sees a key typed wrong.
func TestKeyScanCatchesATypo(t *testing.T) {
	src := `package handlers
const msgTypo msg = "welcom"
func f(r *Router) { r.t("cancelld", "en") }`
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, _ := strconv.Unquote(lit.Value)
			if !locales.Default().HasText(s) {
				found = append(found, s)
			}
		}
		return true
	})
	if strings.Join(found, ",") != "welcom,cancelld" && strings.Join(found, ",") != "welcom,cancelld,en" {
		t.Errorf("typos found: %v", found)
	}
}
