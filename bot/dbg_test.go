package bot_test
import ("testing";"context";"fmt";"github.com/racebot/racebot/bot";"github.com/racebot/racebot/index";"github.com/racebot/racebot/corpus";"github.com/racebot/racebot/index/rank")
func TestDbgEvidence(t *testing.T){
	idx, _ := index.Open(context.Background(), "", index.Options{})
	idx.Sync(context.Background(), corpus.Embedded())
	pol := rank.Default()
	fmt.Printf("onAt=%.3f confAt=%.3f\n", pol.OnTopicAt, pol.ConfidentAt)
	for _, q := range []string{"which chinese big tech firms bought the h800","where's meta's giant 2GW data center going","which branch of the us military told staff not to touch deepsek","how much power does the cloudmatix pull compared to nvidia's rack", "tell me a joke", "how are you doing today bot"} {
		p := bot.Parse(q); iq := p.Query(); iq.Limit=8; iq.PerArticle=3; iq.Policy=pol
		res, _ := idx.Search(context.Background(), iq)
		e := res.Evidence
		fmt.Printf("%-42q on=%.3f conf=%.2f %+v\n", q, pol.Topicality(e), pol.Confidence(e), e)
		for _, c := range res.Concepts { fmt.Printf("    %q w=%.2f df=%d light=%v names=%v corr=%q alts=%v rel=%v\n", c.Terms, c.Weight, c.DocFreq, c.Light, c.Names, c.Corrected, c.Alts, c.Related) }
		for i, h := range res.Hits { if i < 2 { fmt.Printf("    %.2f %s %+v\n", h.Score, h.Passage.ID(), h.Features) } }
	}
}
