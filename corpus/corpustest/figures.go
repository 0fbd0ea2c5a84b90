package corpustest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// A date is a calendar day. It is kept apart from time.Time so that formatting
// is allocation-free appends.
type date struct{ y, m, d int }

var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

var dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// randomDate returns a day in [from, to).
func randomDate(r *rng, from, to date) date {
	a := time.Date(from.y, time.Month(from.m), from.d, 12, 0, 0, 0, time.UTC)
	b := time.Date(to.y, time.Month(to.m), to.d, 12, 0, 0, 0, time.UTC)
	t := a.AddDate(0, 0, r.intn(int(b.Sub(a).Hours()/24)))
	return date{t.Year(), int(t.Month()), t.Day()}
}

func (d date) addDays(n int) date {
	t := time.Date(d.y, time.Month(d.m), d.d+n, 12, 0, 0, 0, time.UTC)
	return date{t.Year(), int(t.Month()), t.Day()}
}

func (d date) weekday() string {
	return dayNames[time.Date(d.y, time.Month(d.m), d.d, 12, 0, 0, 0, time.UTC).Weekday()]
}

func (d date) appendISO(b []byte) []byte {
	b = strconv.AppendInt(b, int64(d.y), 10)
	b = append(b, '-', byte('0'+d.m/10), byte('0'+d.m%10), '-', byte('0'+d.d/10), byte('0'+d.d%10))
	return b
}

// long formats a date the way the news articles do: "January 27, 2025".
func (d date) long() string {
	return monthNames[d.m-1] + " " + strconv.Itoa(d.d) + ", " + strconv.Itoa(d.y)
}

// A figKey identifies a figure by kind and value, whatever its spelling:
// "$5.576M" and "$5.576 million" have the same key.
type figKey struct {
	kind byte // 'u' money in cents, 'p' percent×1000, 'n' count×1000, 'w' watts, 'b' MB/s, 'f' GFLOPS, 'd' yyyymmdd, 'e' mmdd of any year, 'm' yyyymm
	v    int64
}

// realFigures are the figures quoted in racebot's starter corpus
// (shared/corpus), extracted with a regular expression and kept verbatim.
// Generated text never repeats one of them (by value, in any spelling), so a
// synthetic passage cannot hold the answer to a question about the real
// corpus even if that question is not in the dev set: the distractors compete
// on entities, wording and kinds of figure, never on the very number.
var realFigures = []string{
	"$0.14", "$0.55", "$1 billion", "$1 trillion", "$1.3 trillion", "$1.4 billion", "$1.6 billion",
	"$10 billion", "$100 billion", "$10B", "$11 billion", "$118.58", "$134 billion", "$15",
	"$150 billion", "$192 billion", "$2", "$2.19", "$2.5 billion", "$2.6 trillion", "$20 billion",
	"$200", "$232 billion", "$24.3 billion", "$247 billion", "$25 billion", "$26.3 billion",
	"$279 billion", "$280 billion", "$294,000", "$3.1 trillion", "$30 billion", "$364.96 billion",
	"$38 billion", "$4.4 trillion", "$4.5 billion", "$4.6 billion", "$40 billion",
	"$400 billion", "$400 million", "$44.1B", "$450 billion", "$5.5 billion", "$5.576M",
	"$5.58 million", "$5.6 million", "$500", "$500 billion", "$500 million", "$51 million",
	"$52.5 billion", "$58 billion", "$589 billion", "$593 billion", "$6 million", "$60",
	"$60 billion", "$600 billion", "$644 billion", "$65 billion", "$685 billion", "$7 trillion",
	"$75 billion", "$8 billion", "$80 billion", "$83 billion", "$85 billion", "$944 million",
	"US$5m",
	"0.65%", "1.46%", "1.5 percent", "10%", "13%", "14.9%", "15%", "17%", "17.4%", "171%",
	"19.1%", "2.1%", "20 percent", "20%", "22.0%", "239%", "26%", "3%", "3.07%", "30%", "33.4%",
	"38.1%", "4.2%", "42%", "48.9%", "49.0%", "49.2%", "50%", "58.1%", "6%", "60%", "7%", "7.8%",
	"75%", "76.4%", "79.2%", "79.8%", "8%", "80%", "87%", "9%", "9.2%", "90%", "90.8%", "91.8%",
	"95%", "96.4%", "97.3%",
	"1 gigawatt", "10 gigawatts", "145 kW", "2 gigawatts", "200-megawatt", "230 megawatts",
	"290 megawatts", "4.5 gigawatts", "5 gigawatts", "559 kW", "7 gigawatts", "8 gigawatts",
	"148 TFLOPS", "180 PFLOPS", "296 TFLOPS", "300 PFLOPS", "74 TFLOPS", "780 TFLOPS", "800 TFLOPS",
	"3.2 TB/s", "300 GB/s", "4.0 TB/s", "400 gigabytes per second", "600 GB/s",
	"600 gigabytes per second", "900 GB/s",
	"1 billion", "1 million", "1 trillion", "1,100", "1,700", "1.3 million", "1.4 billion",
	"1.5 billion", "1.6 billion", "10 billion", "10,000", "100 billion", "100,000", "11 billion",
	"14.8 trillion", "16,384", "19,341", "2 million", "2,048", "2,500", "2.6 million", "2.664M",
	"2.788M", "2.79 million", "20 billion", "200 million", "200,000", "25,000", "30.8 million",
	"320,000", "37 billion", "4,800", "44,713", "50,000", "53 billion", "6,012", "60,000",
	"671 billion", "70 billion", "32B",
	"April 14, 2025", "April 20, 2025", "April 2023", "April 2024", "April 2025", "April 27, 2025",
	"April 9, 2025", "August 12, 2025", "August 26, 2022", "August 31, 2025", "December 11, 2024",
	"December 2, 2024", "December 2024", "December 25", "December 26, 2024", "December 27, 2024",
	"December 31, 2024", "February 12, 2026", "February 15, 2025", "February 17", "February 21, 2025",
	"February 3", "February 3, 2022", "February 4, 2025", "February 6", "February 6, 2025",
	"January 13, 2025", "January 15, 2025", "January 20", "January 2025", "January 2026",
	"January 21, 2025", "January 23, 2025", "January 24, 2025", "January 26, 2025", "January 27",
	"January 28, 2025", "January 29, 2025", "January 3, 2025", "January 30, 2025", "January 31, 2025",
	"January 5, 2025", "July 14, 2025", "July 17, 2025", "July 2025", "July 22, 2025",
	"July 31, 2025", "June 12, 2025", "June 2023", "June 30", "March 16, 2020", "March 17, 2025",
	"March 2020", "March 2023", "March 2024", "March 31, 2025", "May 13, 2025", "May 15, 2025",
	"May 2023", "May 2025", "May 28, 2025", "November 16, 2023", "November 2023", "November 8, 2022",
	"October 17, 2023", "October 2022", "October 2023", "October 2025", "October 22, 2024",
	"October 23, 2023", "October 31, 2025", "October 7, 2022", "September 2024", "September 23, 2025",
}

// bannedFigures is realFigures by key.
var bannedFigures = func() map[figKey]bool {
	m := make(map[figKey]bool, len(realFigures))
	for _, f := range realFigures {
		if k, ok := parseFigure(f); ok {
			m[k] = true
		}
	}
	return m
}()

// figureBanned reports whether the figure s repeats a figure of the starter
// corpus. A full date is also banned when the corpus gives that month and day
// without a year.
func figureBanned(s string) bool {
	k, ok := parseFigure(s)
	if !ok {
		return false
	}
	if bannedFigures[k] {
		return true
	}
	return k.kind == 'd' && bannedFigures[figKey{'e', k.v % 10000}]
}

// parseFigure parses the figure formats that realFigures and the generators
// use. Plain numbers below 1,000 have no key: small counts are too common to
// identify an answer, and banning them would only make the text odd.
func parseFigure(s string) (figKey, bool) {
	for i, m := range monthNames {
		rest, ok := strings.CutPrefix(s, m+" ")
		if !ok {
			continue
		}
		day, year, comma := strings.Cut(rest, ", ")
		if !comma {
			n, err := strconv.Atoi(rest)
			if err != nil {
				return figKey{}, false
			}
			if n > 31 {
				return figKey{'m', int64(n*100 + i + 1)}, true
			}
			return figKey{'e', int64((i+1)*100 + n)}, true
		}
		d, err1 := strconv.Atoi(day)
		y, err2 := strconv.Atoi(year)
		if err1 != nil || err2 != nil {
			return figKey{}, false
		}
		return figKey{'d', int64(y*10000 + (i+1)*100 + d)}, true
	}
	money := false
	s = strings.TrimPrefix(s, "US")
	if t, ok := strings.CutPrefix(s, "$"); ok {
		money, s = true, t
	}
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == ',' || s[end] == '.') {
		end++
	}
	if end == 0 {
		return figKey{}, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s[:end], ",", ""), 64)
	if err != nil {
		return figKey{}, false
	}
	rest := strings.TrimLeft(s[end:], " -")
	word, after, _ := strings.Cut(rest, " ")
	scale := 1.0
	switch word {
	case "trillion":
		scale = 1e12
	case "billion", "B", "bn":
		scale = 1e9
	case "million", "M", "m":
		scale = 1e6
	}
	if scale != 1 {
		word, _, _ = strings.Cut(after, " ")
	}
	v *= scale
	key := func(kind byte, x float64) (figKey, bool) { return figKey{kind, int64(math.Round(x))}, true }
	switch {
	case money:
		return key('u', v*100)
	case word == "%" || word == "percent" || strings.HasPrefix(rest, "%"):
		return key('p', v*1000)
	case word == "gigawatt" || word == "gigawatts" || word == "GW":
		return key('w', v*1e9)
	case word == "megawatt" || word == "megawatts" || word == "MW":
		return key('w', v*1e6)
	case word == "kW":
		return key('w', v*1e3)
	case word == "GB/s" || word == "gigabytes":
		return key('b', v*1e3)
	case word == "TB/s":
		return key('b', v*1e6)
	case word == "TFLOPS":
		return key('f', v*1e3)
	case word == "PFLOPS":
		return key('f', v*1e6)
	}
	if v < 1000 {
		return figKey{}, false
	}
	return key('n', v*1000)
}

// appendCommas appends n with thousands separators: 16384 → "16,384".
func appendCommas(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return b
}

func commas(n int64) string { return string(appendCommas(nil, n)) }

// roundSig rounds n to sig significant digits, the way reporters round
// counts ("about 30,000", "12,500").
func roundSig(n int64, sig int) int64 {
	p := int64(1)
	for q := n; q >= pow10(sig); q /= 10 {
		p *= 10
	}
	return (n + p/2) / p * p
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// decimal formats x (in tenths or hundredths, as digits says) without a
// trailing ".0": decimal(45, 1) = "4.5", decimal(40, 1) = "4".
func decimal(x int64, digits int) string {
	p := pow10(digits)
	s := strconv.FormatInt(x/p, 10)
	frac := x % p
	if frac == 0 {
		return s
	}
	f := strconv.FormatInt(frac+p, 10)[1:]
	return s + "." + strings.TrimRight(f, "0")
}

var smallNumberWords = [...]string{"zero", "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "10", "11", "12"}

// figures draws the kinds of figure that AI-race news quotes. Each method
// redraws until the figure does not repeat one of the starter corpus. Dates
// fall in [from, to), the year and a half before an article's publication, so
// that an article does not report on events after it was published.
type figures struct {
	r        *rng
	from, to date
}

func newFigures(r *rng, published date) figures {
	return figures{r: r, from: published.addDays(-540), to: published.addDays(1)}
}

// fresh calls f until it returns a figure that is not banned. The bound only
// guards against a generator whose whole range is banned, which would be a
// bug: the last draw is returned anyway and the passage-level answer check
// still applies.
func fresh(f func() string) string {
	var s string
	for range 64 {
		if s = f(); !figureBanned(s) {
			break
		}
	}
	return s
}

var countQualifiers = []string{"", "", "", "about ", "about ", "roughly ", "more than ",
	"nearly ", "some ", "up to ", "at least ", "almost "}

// count returns a rounded count in [lo, hi], like "30,000" or "12,500".
func (f figures) count(lo, hi int) string {
	return fresh(func() string {
		return commas(roundSig(int64(f.r.between(lo, hi)), f.r.between(1, 2)))
	})
}

// gpus returns a GPU count with a qualifier or none: "about 30,000",
// "16,384".
func (f figures) gpus() string {
	return pick(f.r, countQualifiers) + f.gpuCount()
}

// gpuCount returns a GPU count without qualifier.
func (f figures) gpuCount() string {
	if f.r.chance(0.15) {
		// Cluster sizes are often multiples of a power of two.
		return fresh(func() string {
			return commas(int64(pick(f.r, []int{1024, 3072, 4096, 6144, 8192, 12288, 24576, 32768, 49152, 65536, 131072})))
		})
	}
	mag := pick(f.r, []int{1000, 10000, 10000, 100000})
	return f.count(mag, mag*9)
}

// billions returns "$45 billion", "$4.2 billion" in [lo, hi] billion.
func (f figures) billions(lo, hi int) string {
	return fresh(func() string {
		v := f.r.between(lo, hi)
		if v < 10 && f.r.chance(0.6) {
			return "$" + decimal(int64(v*10+f.r.intn(10)), 1) + " billion"
		}
		return "$" + strconv.FormatInt(roundSig(int64(v), 2), 10) + " billion"
	})
}

// freshPair is fresh for two figures that must be drawn together.
func freshPair(f func() (string, string)) string {
	var a, b string
	for range 64 {
		if a, b = f(); !figureBanned(a) && !figureBanned(b) {
			break
		}
	}
	return a + " to " + b
}

// billionRange returns an ordered range such as "$60 billion to $65 billion".
func (f figures) billionRange() string {
	return freshPair(func() (string, string) {
		lo := f.r.between(2, 40) * 5
		return "$" + strconv.Itoa(lo) + " billion", "$" + strconv.Itoa(lo+f.r.between(1, 6)*5) + " billion"
	})
}

// trillionRange returns an ordered range such as "$2.1 trillion to $3.4 trillion".
func (f figures) trillionRange() string {
	return freshPair(func() (string, string) {
		lo := f.r.between(10, 60)
		return "$" + decimal(int64(lo), 1) + " trillion", "$" + decimal(int64(lo+f.r.between(3, 30)), 1) + " trillion"
	})
}

// millions returns "$320 million", "$5.6 million".
func (f figures) millions() string {
	return fresh(func() string {
		if f.r.chance(0.3) {
			return "$" + decimal(int64(f.r.between(11, 99)), 1) + " million"
		}
		return "$" + strconv.FormatInt(roundSig(int64(f.r.between(10, 990)), 2), 10) + " million"
	})
}

// trillions returns "$1.7 trillion".
func (f figures) trillions() string {
	return fresh(func() string { return "$" + decimal(int64(f.r.between(10, 99)), 1) + " trillion" })
}

// money returns an amount of any size, weighted towards billions.
func (f figures) money() string {
	switch f.r.intn(6) {
	case 0:
		return f.millions()
	case 1:
		return f.billions(1, 9)
	default:
		return f.billions(10, 150)
	}
}

// percent returns "12%", "3.4%", "18 percent" in [lo, hi].
func (f figures) percent(lo, hi int) string {
	return fresh(func() string {
		var s string
		if f.r.chance(0.4) {
			s = decimal(int64(f.r.between(lo*10, hi*10)), 1)
		} else {
			s = strconv.Itoa(f.r.between(lo, hi))
		}
		if f.r.chance(0.15) {
			return s + " percent"
		}
		return s + "%"
	})
}

// score returns a benchmark score with one decimal: "72.4%".
func (f figures) score() string {
	return fresh(func() string {
		v := int64(f.r.between(120, 979))
		return strconv.FormatInt(v/10, 10) + "." + strconv.FormatInt(v%10, 10) + "%"
	})
}

// Articles are published between corpusFrom and corpusTo, the span of the
// starter corpus's stories.
var (
	corpusFrom = date{2022, 8, 1}
	corpusTo   = date{2026, 4, 1}
)

// day returns a date in the AI-race period: "March 3, 2025".
func (f figures) day() string {
	return fresh(func() string { return randomDate(f.r, f.from, f.to).long() })
}

// dayOfWeek returns "Tuesday, March 4, 2025".
func (f figures) dayOfWeek() string {
	var d date
	fresh(func() string { d = randomDate(f.r, f.from, f.to); return d.long() })
	return d.weekday() + ", " + d.long()
}

// month returns "March 2025".
func (f figures) month() string {
	return fresh(func() string {
		d := randomDate(f.r, f.from, f.to)
		return monthNames[d.m-1] + " " + strconv.Itoa(d.y)
	})
}

// year returns a year up to back years before publication or ahead years
// after it.
func (f figures) year(back, ahead int) string {
	return strconv.Itoa(f.to.y + f.r.between(-back, ahead))
}

// duration returns a time span as news writes it: "18 months", "three to
// five years", "54 days".
func (f figures) duration() string {
	switch f.r.intn(6) {
	case 0:
		return strconv.Itoa(f.r.between(2, 36)) + " months"
	case 1:
		return strconv.Itoa(f.r.between(12, 120)) + " days"
	case 2:
		a := f.r.between(2, 6)
		return smallNumberWords[a] + " to " + smallNumberWords[a+f.r.between(1, 4)] + " years"
	case 3:
		return "about " + smallNumberWords[f.r.between(2, 9)] + " weeks"
	case 4:
		return "the next " + smallNumberWords[f.r.between(2, 9)] + " years"
	default:
		return smallNumberWords[f.r.between(2, 9)] + " years"
	}
}

// megawatts returns "300 megawatts", "450 MW".
func (f figures) megawatts() string {
	return fresh(func() string {
		v := strconv.Itoa(f.r.between(5, 95) * 10)
		if f.r.chance(0.3) {
			return v + " MW"
		}
		return v + " megawatts"
	})
}

// gigawatts returns "1.5 gigawatts", "2 GW", "1 gigawatt".
func (f figures) gigawatts() string {
	return fresh(func() string {
		v := int64(f.r.between(10, 60))
		if v > 20 {
			v = v / 5 * 5
		}
		s := decimal(v, 1)
		switch {
		case f.r.chance(0.25):
			return s + " GW"
		case s == "1":
			return "1 gigawatt"
		}
		return s + " gigawatts"
	})
}

// scaled returns a count with a scale word: "3.1 million", "236 billion",
// "2.664M".
func (f figures) scaled(scale string, lo, hi int) string {
	return fresh(func() string {
		v := f.r.between(lo, hi)
		if v < 100 && f.r.chance(0.6) {
			return decimal(int64(v*10+f.r.intn(10)), 1) + " " + scale
		}
		return strconv.Itoa(v) + " " + scale
	})
}

// gpuHours returns "3.1 million" or "1.9M" for a count of GPU hours.
func (f figures) gpuHours() string {
	return fresh(func() string {
		v := int64(f.r.between(300, 9999))
		if f.r.chance(0.3) {
			return decimal(v, 3) + "M"
		}
		return decimal(v/10, 2) + " million"
	})
}

// price returns a per-unit price such as "$0.27" or "$2.50".
func (f figures) price() string {
	return fresh(func() string {
		v := f.r.between(5, 1200)
		return "$" + strconv.Itoa(v/100) + "." + strconv.Itoa(v%100/10) + strconv.Itoa(v%10)
	})
}

// bandwidth returns "900 GB/s" or "450 gigabytes per second".
func (f figures) bandwidth() string {
	return fresh(func() string {
		v := commas(int64(f.r.between(4, 36) * 50))
		if f.r.chance(0.4) {
			return v + " gigabytes per second"
		}
		return v + " GB/s"
	})
}

// tflops returns "989 TFLOPS".
func (f figures) tflops() string {
	return fresh(func() string { return commas(int64(f.r.between(60, 2500))) + " TFLOPS" })
}

// kilowatts returns "132 kW".
func (f figures) kilowatts() string {
	return fresh(func() string { return strconv.Itoa(f.r.between(20, 900)) + " kW" })
}

// stockPrice returns a closing price such as "$131.28".
func (f figures) stockPrice() string {
	return fresh(func() string {
		v := f.r.between(2000, 90000)
		return "$" + strconv.Itoa(v/100) + "." + strconv.Itoa(v%100/10) + strconv.Itoa(v%10)
	})
}
