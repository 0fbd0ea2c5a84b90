package bot

import (
	"slices"
	"testing"
)

func TestRegister(t *testing.T) {
	saved := platforms
	t.Cleanup(func() { platforms = saved })
	platforms = nil

	start := func(Handler, PlatformOptions) ([]Service, error) { return nil, nil }
	Register(Platform{Name: "zulip", Start: start})
	Register(Platform{Name: "matrix", Start: start})
	var names []string
	for _, p := range Platforms() {
		names = append(names, p.Name)
	}
	if want := []string{"matrix", "zulip"}; !slices.Equal(names, want) {
		t.Errorf("Platforms() = %v, want %v (in order of name)", names, want)
	}

	defer func() {
		if recover() == nil {
			t.Error("registering a second platform named zulip did not panic")
		}
	}()
	Register(Platform{Name: "zulip", Start: start})
}
