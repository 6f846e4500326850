package config_test

import (
	"os"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/thanhhoa/investbot/config"
)

// An operator learns the variables from the README and runs the bot with
// docker-compose.yml: a variable the code reads but neither names cannot be
// set by the people who need it.
func TestEveryVariableIsDocumentedAndPassed(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatalf("reading the README: %v", err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("`([A-Z][A-Z0-9_]+)`").FindAllStringSubmatch(string(readme), -1) {
		documented[m[1]] = true
	}

	raw, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatalf("reading docker-compose.yml: %v", err)
	}
	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
			EnvFile     any               `yaml:"env_file"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	bot, ok := compose.Services["bot"]
	if !ok {
		t.Fatal("docker-compose.yml has no bot service")
	}
	if bot.EnvFile == nil {
		t.Error("docker-compose.yml: the bot service has no env_file, so an operator's .env settings do not reach it")
	}

	vars := config.Variables()
	if len(vars) < 20 {
		t.Fatalf("config.Variables() lists %d variables; Parse reads more than that", len(vars))
	}
	for _, name := range vars {
		if !documented[name] {
			t.Errorf("%s is read by config.Parse but not named in README.md", name)
		}
		if _, ok := bot.Environment[name]; !ok {
			t.Errorf("%s is read by config.Parse but not passed by docker-compose.yml's bot service", name)
		}
	}
}
