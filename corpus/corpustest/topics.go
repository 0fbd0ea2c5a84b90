package corpustest

// A topic is one of the storylines of the AI race, with templates for the
// parts of an article about it. Templates name slots in braces: entity slots
// ({person}, {co2}, {chip.maker}) keep their value for the whole paragraph so
// that a paragraph stays about the same company or chip, the way the real
// articles repeat their subject; figure slots ({bn}, {date}, {gpus}) draw a
// new figure every time ({gpus} with a qualifier such as "about", {gpun}
// without). See distractorGen.slot for the full list.
type topic struct {
	tags     []string
	titles   []string
	headings []string
	leads    []string // first sentence of a paragraph
	body     []string // later sentences and bullet items
}

// fillers are neutral sentences that any paragraph can end with. They hold
// no figure or name that an expected answer could need, which also makes
// them the safe fallback when a paragraph cannot be regenerated clean.
var fillers = []string{
	"The company declined to comment further.",
	"The figures could not be independently verified.",
	"Analysts cautioned that the estimates rest on incomplete disclosures.",
	"Neither side gave a timetable.",
	"The announcement drew a mixed reaction from investors.",
	"Officials did not respond to requests for comment.",
	"The details had not previously been reported.",
}

var topics = []topic{
	{ // GPU fleets and who has how many chips.
		tags: []string{"gpus", "nvidia", "compute"},
		titles: []string{
			"How many {chip} chips does {lab} have? {person.short}'s estimate and the company's own figures",
			"{person.short}: \"{lab} has more {chip}s than people think\"",
			"{lab} GPU cluster: {gpus} {chip.maker} {chip} chips, says {firm}",
			"{firm} puts {lab}'s fleet at {gpus} {chip.family} GPUs",
		},
		headings: []string{"The {chip} Count", "What {person.short} Said About {lab}", "Inside the {lab} Cluster", "Estimating the Fleet"},
		leads: []string{
			"{person} said {lab} has about {gpun} {chip.maker} {chip} GPUs, far more than the company has disclosed.",
			"{lab} operates a cluster of {gpus} {chip.maker} {chip} chips, according to {firm}, which published its estimate on {date}.",
			"{firm} estimated on {date} that {lab} had access to {gpus} {chip.family}-generation GPUs, including {gpus} {chip}s and {gpus} {chip2}s.",
			"{lab} trained its {model} model on a cluster of {gpus} {chip} GPUs over {days} days, the company said in a technical report published on {date}.",
			"In an interview with {pub} on {date}, {person} said {lab} had built a cluster of {gpus} {chip.maker} {chip} chips.",
			"{lab}'s computing power has been estimated at {gpus} {chip} GPUs, though the company itself has cited a smaller figure of {gpus} {chip2} chips.",
		},
		body: []string{
			"{person.short} did not say how the figure was calculated, and {lab} declined to comment.",
			"The estimate could not be independently verified, {pub} reported.",
			"{lab} said it expected to finish {fyear} with more than {gpun} GPUs in service.",
			"{person2} wrote on X that the number was \"probably low\", adding that {lab} had also ordered {gpus} {chip2} chips.",
			"A person familiar with the matter told {pub} that the {chip} chips cost about {money} in total.",
			"{firm} put {lab}'s total server spending at about {bn1}, with a further {mn} in operating costs.",
			"By comparison, {lab2} used {gpuh} GPU hours on {gpus} {chip2} GPUs to train its largest model.",
			"The {chip} is a {chip.family}-generation part that {chip.maker} began shipping in {month}.",
			"{lab}'s first cluster of {gpus} {chip2} chips cost {mn} and began operating in {year}.",
			"{person.short} said the chips were bought before export restrictions took effect on {date}.",
			"Several reports set the {gpun} figure against the roughly {gpun} {chip2}s associated with {lab}.",
		},
	},
	{ // Capital spending on AI data centers.
		tags: []string{"capex", "data-centers"},
		titles: []string{
			"{hyper} to spend {bn} on AI data centers in fiscal {fyear}",
			"{hyper} lifts {year} capex forecast to {bn} as AI demand grows",
			"Big Tech's AI bill: {hyper}, {hyper2} and the {tn} question",
			"{hyper.ceo} says {hyper} is \"good for\" its {bn}",
		},
		headings: []string{"Spending Plans for {fyear}", "What {hyper} Told Investors", "The Capex Race", "Analysts Push Back"},
		leads: []string{
			"{hyper} plans to spend {bn} on data centers in fiscal {fyear}, {person} said in a blog post on {date}.",
			"{hyper} expects to invest approximately {bn} in capital expenditures in {fyear}, up from {bndown} a year earlier, chief executive {hyper.ceo} told analysts on {date}.",
			"{hyper} raised its {fyear} spending forecast to {bn} on {date}, citing demand for AI computing capacity.",
			"On {wdate}, {hyper} said it would spend {bnrange} on capital expenditures in {fyear}, most of it on servers and data centers for AI.",
			"{hyper.ceo} said in a post on {date} that {hyper} would spend {bn} this year and finish it with more than {gpun} GPUs.",
		},
		body: []string{
			"More than half of the {hyper} spending will go to sites in the United States, the company said.",
			"Analysts polled by {pub} had expected about {bn}.",
			"{hyper} shares fell {movepct} in extended trading after the announcement.",
			"The company said it would bring roughly {gw} of compute online during {fyear}.",
			"{hyper} reported {bn1} of capital expenditures, including finance leases, in its latest quarter.",
			"{person} said {hyper} was \"good for\" its {bn}, dismissing questions about the cost.",
			"Investors have questioned whether such heavy spending is necessary after {lab} showed it could train competitive models for a fraction of the cost.",
			"{hyper} plans a data center of more than {gw} in {place}, large enough to need its own power plant.",
			"{firm} estimated that the largest cloud companies would spend a combined {bn} on AI infrastructure in {fyear}.",
			"{hyper.ceo} told analysts that falling inference costs would lead customers to spend more on AI, not less.",
		},
	},
	{ // Chinese chip production.
		tags: []string{"huawei", "ascend", "china"},
		titles: []string{
			"{cnchip.maker} says it can make {count} {cnchip} chips",
			"{cnchip.maker}'s {cnchip} output for {fyear}: what officials and analysts estimate",
			"Can {cnchip.maker} catch Nvidia? The {cnchip} versus the {chip}",
		},
		headings: []string{"Production Targets", "How the {cnchip} Compares", "The Foundry Problem", "What Washington Says"},
		leads: []string{
			"{cnchip.maker} said on {date} that it could make {count} {cnchip} chips in {fyear}.",
			"{person} told a House subcommittee on {date} that {cnchip.maker}'s output of {cnchip} chips for {fyear} would be at or below {count}.",
			"Testing by {lab} researchers found that the {cnchip} reached about {pct} of the {chip}'s inference performance, {pub} reported.",
			"{cnchip.maker} has shipped about {count} {cnchip} accelerators since {month}, according to {firm}.",
			"{cnchip.maker}'s {cnchip} is made on a 7-nanometer process by Semiconductor Manufacturing International Corp., {pub} reported on {date}.",
		},
		body: []string{
			"{cnchip.maker} invests more than {bn1} a year in chip research, the company said.",
			"Semiconductor Manufacturing International Corp. cannot import the extreme ultraviolet lithography tools needed for more advanced nodes.",
			"{firm} estimated the {cnchip} at about {tflops} of FP16 compute and {bw} of memory bandwidth.",
			"A system linking {n} {cnchip} chips draws about {kw}, compared with {kw} for an Nvidia rack.",
			"Yields at the foundry were estimated at about {pct}, {pub} reported.",
			"{person2} warned that the gap with US chips was closing faster than expected.",
			"The White House has said Chinese AI chips are {leaddur} behind their US counterparts.",
			"{lab} said it had tested {model} on {cnchip} chips for inference but still trained on Nvidia hardware.",
			"{cnchip.maker} plans to double {cnchip.short} production by {fyear}, {pub} reported.",
		},
	},
	{ // Stargate and other mega-projects.
		tags: []string{"stargate", "openai", "softbank", "oracle"},
		titles: []string{
			"Stargate {site}: {gw} campus planned with {co}",
			"Musk says SoftBank has only {bn} secured for Stargate {site}",
			"OpenAI and Oracle add {gw} to Stargate",
			"Stargate {site} to host {gpus} Nvidia GPUs by {fyear}",
		},
		headings: []string{"The Money", "Stargate {site} in Numbers", "Who Pays for Stargate", "Sites and Power"},
		leads: []string{
			"Elon Musk wrote on X that SoftBank had {bn} secured for Stargate {site}, a claim OpenAI disputed.",
			"Stargate {site} would start with {mw} of capacity and could grow to {gw}, {co} said on {date}.",
			"OpenAI and {co} agreed on {date} to develop {gw} of additional Stargate capacity in {place}.",
			"The Stargate campus in {place} is expected to house {gpus} {chip.maker} {chip} GPUs by the end of {fyear}.",
			"{person} said on {date} that the Stargate {site} project would create more than {jobs} jobs.",
			"SoftBank's Son said the group would commit {bn} to Stargate {site} over {dur}.",
		},
		body: []string{
			"Oracle chairman Larry Ellison said {n} data center buildings were under construction in {place}.",
			"The partners pledged an initial {bn}, an amount that could rise to {bnup} over {dur}.",
			"MGX, the Abu Dhabi investment fund, had {bn} in capital commitments, {pub} reported.",
			"{co} will run the facility, with Nvidia, Cisco and SoftBank as partners.",
			"The first phase of {mw} is expected to come online in {fyear}.",
			"{person} said the project had received more than {n} proposals from {n} states.",
			"Construction at the {place} site began in {month}, {pub} reported.",
			"A joint venture of {co} and {co2} would invest about {bn1} in the first phase.",
			"{person2} answered on X that the critics were \"wrong\" and invited them to visit the site.",
			"The site in {place} is designed to draw up to {gw} from the grid.",
		},
	},
	{ // AGI timelines.
		tags: []string{"agi"},
		titles: []string{
			"{person.short} says AGI could arrive within {agidur}",
			"When will AGI arrive? {person.short}, {person2.short} and others give their dates",
			"{person.short}: AI will beat humans at most tasks by {agiyear}",
		},
		headings: []string{"Who Said What About AGI", "The Optimists", "The Skeptics", "Defining AGI"},
		leads: []string{
			"{person} said artificial general intelligence could arrive within {agidur}.",
			"{person} told {pub} on {date} that AI would be better than humans at almost everything by {agiyear}.",
			"In a blog post published on {date}, {person} wrote that AI agents would \"join the workforce\" in {agiyear}.",
			"{person} placed AGI around {agiyear}, while {person2} expected it within {agidur}.",
			"Speaking at Davos on {date}, {person} said AGI was \"still more than a decade away\".",
			"{person} estimated in an interview on {date} that AGI was {agidur} away.",
		},
		body: []string{
			"{person.short} defined AGI as systems that could do most economically valuable work, a definition {person2} disputed.",
			"Critics quoted by {pub} noted there is no agreed definition of AGI.",
			"{person.short} said the US held a lead of {leaddur} over Chinese labs.",
			"{person2} said the same month that such forecasts were \"marketing\".",
			"{person.short} repeated the estimate in a podcast interview in {month}.",
			"{person2} expected it before {agiyear}, {pub} reported.",
			"{person.short} said computing capacity, not algorithms, would decide the timeline.",
		},
	},
	{ // Export controls.
		tags: []string{"export-controls", "nvidia", "china"},
		titles: []string{
			"US tells {chip.maker} that {chip} exports to {country} need a licence",
			"New export rule catches the {chip} and {chip2}",
			"{chip.maker} takes {bn1} charge as {chip} curbs bite",
			"Export controls: the {chip} threshold explained",
		},
		headings: []string{"The Licence Requirement", "Which Chips Are Covered", "The Cost to {chip.maker}", "Thresholds and Tiers"},
		leads: []string{
			"The Commerce Department told {chip.maker} on {date} that exports of the {chip} to {country} now required a licence.",
			"On {date}, the Bureau of Industry and Security issued a rule covering the {chip} and {chip2}, with a compliance date of {date}.",
			"{chip.maker} said in a filing on {date} that it would take a charge of up to {bn1} related to {chip} inventory and purchase commitments.",
			"{country} was placed in the second tier of the AI diffusion rule, with a cap of {gpus} GPUs through {fyear}.",
			"{agency} said on {date} that it would tighten controls on the {chip}, citing the risk of diversion to {country}.",
		},
		body: []string{
			"The rule set a performance threshold of {tpp} in total processing performance.",
			"Orders of up to {n} GPUs could ship without a licence, {lawfirm} said.",
			"The {chip} moves data between chips at {bw}, against {bw} for the {chip2}.",
			"BIS added {n} Chinese entities to the Entity List on {date}, {pub} reported.",
			"{chip.maker} shares fell {movepct} in after-hours trading after the disclosure.",
			"Law firm {lawfirm} said the licence requirement took effect immediately for data-center products.",
			"{chip.maker} said it was unable to ship a further {bn1} of {chip} revenue in the quarter.",
			"{person} said the {chip} was a deprecated chip and that sales posed little risk.",
			"{chip.maker} agreed to give the US government {pct} of its revenue from {chip} sales in {country}.",
			"The {chip} had been designed to stay just under the earlier thresholds.",
		},
	},
	{ // App store rankings and government bans.
		tags: []string{"app-store", "government-bans", "privacy"},
		titles: []string{
			"{app} climbs to No. {rank} on the App Store",
			"{ban.body} restricts {app} over data concerns",
			"{app} downloads top {dl}, says {tracker}",
		},
		headings: []string{"The Rankings", "Regulators Step In", "Downloads"},
		leads: []string{
			"{app} reached No. {rank} on Apple's US App Store on {date}, up from No. {rank} a week earlier, according to {tracker}.",
			"Downloads of the {app} app rose to {dl} in the week to {date}, {tracker} said.",
			"{ban.body} suspended new downloads of the {app} app on {date}, citing data-protection concerns.",
			"{ban} banned {app} on government devices on {date}, {pub} reported.",
			"On {wdate}, {app} was the top free iPhone app in {n} countries, according to {tracker}.",
		},
		body: []string{
			"{app} sat in the top 10 in {n} more countries on the App Store.",
			"{tracker} said more than {pct} of all {app} downloads had come in the previous {n} days.",
			"{ban.short} said the developer had acknowledged partly neglecting local data-protection law.",
			"The order does not cover private citizens' devices.",
			"{app2} fell to No. {rank} in the same ranking.",
			"{ban.short} opened an investigation and gave the company {n} days to respond.",
			"The {app} web service remained available.",
		},
	},
	{ // Model releases, benchmarks and prices.
		tags: []string{"benchmarks", "reasoning-models", "api-pricing"},
		titles: []string{
			"{model} vs {model2}: benchmark scores compared",
			"{model.maker} releases {model} with {params} parameters",
			"{model} scores {score} on {bench}",
			"{model} priced at {price} per million tokens",
		},
		headings: []string{"Benchmarks", "Pricing", "Training Budget", "How {model} Compares"},
		leads: []string{
			"{model} scored {score} on {bench}, against {score} for {model2}, according to {model.maker}'s own tables.",
			"{model.maker} released {model} on {date} with open weights and a technical report.",
			"{model} has {params} parameters in total and activates {active} for each token, according to its model card.",
			"{model.maker} said training {model} took {gpuh} {chip} GPU hours, or about {mn} at a rental price of {price} per GPU hour.",
			"{model.maker} listed {model} at {price} per million input tokens and {price} per million output tokens.",
		},
		body: []string{
			"{model} was pre-trained on {ttok} tokens before reinforcement learning.",
			"Researchers at {eval} argued that the {model.short} scores were self-reported and not independent audits.",
			"On {bench2}, {model2} stayed ahead with {score}.",
			"The cluster behind {model.short} was {gpus} {chip} GPUs running for about {days} days.",
			"{model.maker} said {model.short} was stable during training, with no rollbacks.",
			"Developers had built more than {n} derivative models within weeks, {pub} reported.",
			"{person} said {model.short} was \"basically comparable\" to {model2}.",
			"Reviewers said {model.short} was {pct} cheaper than {model2} for the same tasks.",
			"{model.maker} published {n} smaller versions based on open models, ranging up to {params} parameters.",
		},
	},
	{ // Market value swings.
		tags: []string{"market-value", "nvidia"},
		titles: []string{
			"{listed} loses {bn} in market value as AI stocks slide",
			"{listed} shares fall {movepct} in worst day since {month}",
			"AI sell-off: {listed}, {listed2} and chip stocks tumble",
		},
		headings: []string{"The Sell-Off", "Market Reaction", "Records"},
		leads: []string{
			"{listed} shares fell {movepct} on {date}, erasing about {bn} of market value, {pub} reported.",
			"{listed} closed at {stock} on {date}, its worst day since {month}.",
			"The previous one-day record of {bn} was set by {listed2} in {month}, according to {pub}.",
			"On {wdate}, an index of semiconductor stocks dropped {movepct} as investors sold AI-linked shares.",
		},
		body: []string{
			"The Nasdaq Composite fell {idxpct} and the S&P 500 lost {idxpct}.",
			"{listed2} closed down {movepct}, and traders blamed {lab} for the sell-off.",
			"Analysts at {firm} wrote that the reaction was overdone and kept a buy rating on {listed}.",
			"{listed} stock had risen {bigpct} the previous year.",
			"The loss was the largest for any company since {month}, {pub} said.",
		},
	},
	{ // Market forecasts.
		tags: []string{"forecasts", "generative-ai"},
		titles: []string{
			"{firm} sees generative AI market reaching {tn} by {fyear}",
			"Generative AI could add {tn} a year to the economy, says {firm}",
			"{firm}: AI spending to hit {bn} in {fyear}",
		},
		headings: []string{"The Forecasts", "Revenue Versus Value", "Where the Money Goes"},
		leads: []string{
			"{firm} projected that generative AI revenue would grow to about {tn} by {fyear}, up from {bn} in {year}.",
			"{firm} estimated that generative AI could add {tnrange} a year to the global economy.",
			"{firm} economists said generative AI could lift global GDP by {pct} over the next decade.",
			"{firm} forecast worldwide generative AI spending of {bn} in {fyear}, an increase of {pct} on the previous year.",
		},
		body: []string{
			"The report said about {pct} of that value would fall in customer operations, marketing and software engineering.",
			"{person} said the sector was poised for rapid growth.",
			"{firm2} put the market for AI servers at {bn} by {fyear}.",
			"Because the estimates measure different things, their figures are not directly comparable.",
			"The analysts named {co}, {co2} and Nvidia as likely winners.",
		},
	},
	{ // Computer-using agents.
		tags: []string{"agents"},
		titles: []string{
			"{agent.maker} launches {agent} for {plan} subscribers",
			"{agent} scores {score} on {abench}",
		},
		headings: []string{"How {agent} Works", "Benchmark Results", "Availability"},
		leads: []string{
			"{agent.maker}'s {agent} launched on {date} as a research preview for {plan} subscribers, at {price} per month.",
			"{agent.maker} reported success rates of {score} on {abench} and {score} on {abench2} for {agent}.",
			"{agent.maker} released {agent} on {date}, letting the model read the screen, move the cursor and type.",
		},
		body: []string{
			"{agent.maker} said {agent} still struggled with scrolling, dragging and zooming.",
			"{agent} asks users to take over for steps such as payments.",
			"Human testers scored {score} on the same {abench} tasks.",
			"The feature was later extended to {plan} users in {n} countries.",
			"{person} said agents would handle a growing share of office work by {agiyear}.",
		},
	},
	{ // Company profiles, funding and disputes.
		tags: []string{"deepseek", "openai", "china"},
		titles: []string{
			"Who is behind {lab}? Founders, funding and {gpus} GPUs",
			"{co} accuses {lab} of distilling its models",
			"{lab} raises {bn1} at a {bn} valuation",
		},
		headings: []string{"The Founders", "The Money", "The Accusation"},
		leads: []string{
			"{co} said on {date} that it had seen signs that {lab} trained on its models' outputs, {pub} reported.",
			"{lab} raised {bn1} at a valuation of {bn}, {pub} reported on {date}.",
			"{lab} was spun off from a larger group in {month} so it could focus on frontier research.",
			"{person} said in an interview published on {date} that {lab}'s team was young and mostly trained in China.",
		},
		body: []string{
			"{co} said it had banned the accounts involved and revoked their access.",
			"{lab}'s staff grew to about {jobs} people by {month}.",
			"{person} said distilling rival models was common across the industry.",
			"{lab} publishes the weights of its main models openly.",
			"The company is backed by {co2}, which manages about {bn} in assets.",
			"{lab} did not immediately respond to {pub}.",
		},
	},
}
