package corpustest

// A topic is one of the storylines of the AI race, with templates for the
// parts of an article about it. Templates name slots in braces: entity slots
// ({person}, {co2}, {chip.maker}) keep their value for the whole paragraph so
// that a paragraph stays about the same company or chip, the way the real
// articles repeat their subject; figure slots ({bn}, {date}, {gpus}) draw a
// new figure every time ({gpus} with a qualifier such as "about", {gpun}
// without). See distractorGen.slot for the full list.
//
// A template that states a fact marks the slot holding the fact's subject
// with the kind of fact: "{model|params} has {params} parameters" never
// names a model whose parameter count the starter corpus gives, so every
// fact is an other combination than the real articles' (see realFacts).
// Sentences that state a fact name its subject rather than refer back to
// it ("{hyper|capex} said it would …", not "The company said it would …"):
// the subject of a sentence must not depend on which sentence came before.
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
			"How many {chip} chips does {lab|gpus} have? {person.short}'s estimate and the company's own figures",
			"{person.short}: \"{lab|gpus} has more {chip}s than people think\"",
			"{lab|gpus} GPU cluster: {gpus} {chip.maker} {chip} chips, says {firm}",
			"{firm} puts {lab|gpus}'s fleet at {gpus} {chip.family} GPUs",
		},
		headings: []string{"The {chip} Count", "What {person.short} Said About {lab|gpus}", "Inside the {lab|gpus} Cluster", "Estimating the Fleet"},
		leads: []string{
			"{person} said {lab|gpus} has about {gpun} {chip.maker} {chip} GPUs, far more than the company has disclosed.",
			"{lab|gpus} operates a cluster of {gpus} {chip.maker} {chip} chips, according to {firm}, which published its estimate on {date}.",
			"{firm} estimated on {date} that {lab|gpus} had access to {gpus} {chip.family}-generation GPUs, including {gpus} {chip}s and {gpus} {chip2}s.",
			"{model.maker|gpus} trained {model|training} on a cluster of {gpus} {chip} GPUs over {days} days, the company said in a technical report published on {date}.",
			"In an interview with {pub} on {date}, {person} said {lab|gpus} had built a cluster of {gpus} {chip.maker} {chip} chips.",
			"{lab|gpus}'s computing power has been estimated at {gpus} {chip} GPUs, though the company itself has cited a smaller figure of {gpus} {chip2} chips.",
		},
		body: []string{
			"{person.short} did not say how the figure was calculated, and {lab} declined to comment.",
			"The estimate could not be independently verified, {pub} reported.",
			"{lab|gpus} said it expected to finish {fyear} with more than {gpun} GPUs in service.",
			"{person2} wrote on X that the number was \"probably low\", adding that {lab|gpus} had also ordered {gpus} {chip2} chips.",
			"A person familiar with the matter told {pub} that {lab|gpus}'s {chip} chips cost about {money} in total.",
			"{firm} put {lab|gpus}'s total server spending at about {bn1}, with a further {mn} in operating costs.",
			"By comparison, {lab2|gpus} used {gpuh} GPU hours on {gpus} {chip2} GPUs to train its largest model.",
			"The {chip|launch} is a {chip.family}-generation part that {chip.maker} began shipping in {month}.",
			"{lab|gpus}'s first cluster of {gpus} {chip2} chips cost {mn} and began operating in {year}.",
			"{person.short} said {lab|gpus} bought its {chip|export} chips before export restrictions took effect on {date}.",
			"Several reports set the {gpun} figure against the roughly {gpun} {chip2}s associated with {lab|gpus}.",
			"Analysts compared the estimate with what is known about {lab2}'s hardware.",
		},
	},
	{ // Capital spending on AI data centers.
		tags: []string{"capex", "data-centers"},
		titles: []string{
			"{hyper|capex} to spend {bn} on AI data centers in fiscal {fyear}",
			"{hyper|capex} lifts {year} capex forecast to {bn} as AI demand grows",
			"Big Tech's AI bill: {hyper}, {hyper2} and the {tn} question",
			"{hyper.ceo} says {hyper|capex} is \"good for\" its {bn}",
		},
		headings: []string{"Spending Plans for {fyear}", "What {hyper|capex} Told Investors", "The Capex Race", "Analysts Push Back"},
		leads: []string{
			"{hyper|capex} plans to spend {bn} on data centers in fiscal {fyear}, {person} said in a blog post on {date}.",
			"{hyper|capex} expects to invest approximately {bn} in capital expenditures in {fyear}, up from {bndown} a year earlier, chief executive {hyper.ceo} told analysts on {date}.",
			"{hyper|capex} raised its {fyear} spending forecast to {bn} on {date}, citing demand for AI computing capacity.",
			"On {wdate}, {hyper|capex} said it would spend {bnrange} on capital expenditures in {fyear}, most of it on servers and data centers for AI.",
			"{hyper.ceo} said in a post on {date} that {hyper|capex|gpus} would spend {bn} this year and finish it with more than {gpun} GPUs.",
		},
		body: []string{
			"More than half of {hyper|capex}'s spending will go to sites in the United States, the company said.",
			"Analysts polled by {pub} had expected {hyper|capex} to spend about {bn}.",
			"{hyper|stock} shares fell {movepct} in extended trading after the announcement.",
			"{hyper|capex} said it would bring roughly {gw} of compute online during {fyear}.",
			"{hyper|capex} reported {bn1} of capital expenditures, including finance leases, in its latest quarter.",
			"{person} said {hyper|capex} was \"good for\" its {bn}, dismissing questions about the cost.",
			"Investors have questioned whether such heavy spending is necessary after {lab|selloff} showed it could train competitive models for a fraction of the cost.",
			"{hyper|capex} plans a data center of more than {gw} in {place|site}, large enough to need its own power plant.",
			"{firm|forecast} estimated that the largest cloud companies would spend a combined {bn} on AI infrastructure in {fyear}.",
			"{hyper.ceo|inference-costs} told analysts that falling inference costs would lead customers to spend more on AI, not less.",
			"Rivals including {hyper2} have announced plans of their own.",
		},
	},
	{ // Chinese chip production.
		tags: []string{"huawei", "ascend", "china"},
		titles: []string{
			"{cnchip.maker} says it can make {count} {cnchip|cn-output} chips",
			"{cnchip.maker}'s {cnchip|cn-output} output for {fyear}: what officials and analysts estimate",
			"Can {cnchip.maker} catch Nvidia? The {cnchip} versus the {chip}",
		},
		headings: []string{"Production Targets", "How the {cnchip|chip-spec|chip-test} Compares", "The Foundry Problem", "What Washington Says"},
		leads: []string{
			"{cnchip.maker} said on {date} that it could make {count} {cnchip|cn-output} chips in {fyear}.",
			"{person} told a House subcommittee on {date} that {cnchip.maker}'s output of {cnchip|cn-output} chips for {fyear} would be at or below {count}.",
			"Testing by {lab|chip-test} researchers found that the {cnchip|chip-test} reached about {pct} of the {chip|chip-test}'s inference performance, {pub} reported.",
			"{cnchip.maker} has shipped about {count} {cnchip|cn-output} accelerators since {month}, according to {firm}.",
			"{cnchip.maker}'s {cnchip|cn-output} is made on a 7-nanometer process by Semiconductor Manufacturing International Corp., {pub} reported on {date}.",
		},
		body: []string{
			"{cnchip.maker|rnd} invests more than {bn1} a year in chip research, the company said.",
			"Chinese foundries cannot import the extreme ultraviolet lithography tools needed for more advanced nodes.",
			"{firm} estimated the {cnchip|chip-spec} at about {tflops} of FP16 compute and {bw} of memory bandwidth.",
			"A system linking {n} {cnchip|chip-spec} chips draws about {kw}, compared with {kw} for a rack of {chip|chip-spec} GPUs.",
			"Yields at {cnchip.maker}'s foundry partner were estimated at about {pct}, {pub} reported.",
			"{person2|us-lead} warned that the gap with US chips was closing faster than expected.",
			"{firm} has said {cnchip.maker|us-lead}'s chips are {leaddur} behind their US counterparts.",
			"{lab|chip-test} said it had tested its models on {cnchip|chip-test} chips for inference but still trained on Nvidia hardware.",
			"{cnchip.maker} plans to double {cnchip.short|cn-output} production by {fyear}, {pub} reported.",
		},
	},
	{ // Stargate and other mega-projects. Facts are about sites the real
		// articles do not describe; the real sites appear in other roles.
		tags: []string{"stargate", "openai", "softbank", "oracle"},
		titles: []string{
			"Stargate {site|stargate}: {gw} campus planned with {co}",
			"{person.short} says {co|funds} has only {bn} secured for Stargate {site|stargate}",
			"{co} and {co2} add {gw} to Stargate {site|stargate}",
			"Stargate {site|stargate} to host {gpus} Nvidia GPUs by {fyear}",
		},
		headings: []string{"The Money", "Stargate {site|stargate} in Numbers", "Who Pays for Stargate", "Sites and Power"},
		leads: []string{
			"{person} wrote on X that {co|funds} had only {bn} secured for Stargate {site|stargate}, a claim {co2} disputed.",
			"Stargate {site|stargate} would start with {mw} of capacity and could grow to {gw}, {co} said on {date}.",
			"{co} and {co2} agreed on {date} to develop {gw} of capacity for Stargate {site|stargate}.",
			"The Stargate campus in {place|site} is expected to house {gpus} {chip.maker} {chip} GPUs by the end of {fyear}.",
			"{person} said on {date} that the Stargate {site|stargate} project would create more than {jobs} jobs.",
			"{person} said {co|funds} would commit {bn} to Stargate {site|stargate} over {dur}.",
		},
		body: []string{
			"{person|stargate-claim} said {n} data center buildings were under construction in {place|site}.",
			"The partners behind Stargate {site|stargate} pledged an initial {bn}, an amount that could rise to {bnup} over {dur}.",
			"{co|funds} had {bn} in capital commitments, {pub} reported.",
			"{co} will run Stargate {site|stargate}, with {co2} as a partner.",
			"The first phase of Stargate {site|stargate}, {mw}, is expected to come online in {fyear}.",
			"{person} said Stargate {site|stargate} had drawn more than {n} site proposals from {n} regions.",
			"Construction at the {place|site} site began in {month}, {pub} reported.",
			"A joint venture of {co|funds} and {co2|funds} would invest about {bn1} in the first phase of Stargate {site|stargate}.",
			"{person2|stargate-claim} answered on X that the critics were \"wrong\" and invited them to visit the site.",
			"The site in {place|site} is designed to draw up to {gw} from the grid.",
			"The project is separate from Stargate {site2}.",
		},
	},
	{ // AGI timelines.
		tags: []string{"agi"},
		titles: []string{
			"{person.short|agi} says AGI could arrive within {agidur}",
			"When will AGI arrive? {person.short|agi}, {person2.short|agi} and others give their dates",
			"{person.short|agi}: AI will beat humans at most tasks by {agiyear}",
		},
		headings: []string{"Who Said What About AGI", "The Optimists", "The Skeptics", "Defining AGI"},
		leads: []string{
			"{person|agi} said artificial general intelligence could arrive within {agidur}.",
			"{person|agi} told {pub} on {date} that AI would be better than humans at almost everything by {agiyear}.",
			"In a blog post published on {date}, {person|agi} wrote that AI agents would \"join the workforce\" in {agiyear}.",
			"{person|agi} placed AGI around {agiyear}, while {person2|agi} expected it within {agidur}.",
			"Speaking at Davos on {date}, {person|agi} said AGI was \"still decades away\".",
			"{person|agi} estimated in an interview on {date} that AGI was {agidur} away.",
		},
		body: []string{
			"{person.short|agi} defined AGI as systems that could do most economically valuable work, a definition {person2|agi} disputed.",
			"Critics quoted by {pub} noted there is no agreed definition of AGI.",
			"{person.short|us-lead} said the US held a lead of {leaddur} over Chinese labs.",
			"{person2|agi} said the same month that such forecasts were \"marketing\".",
			"{person.short|agi} repeated the estimate in a podcast interview in {month}.",
			"{person2|agi} expected it before {agiyear}, {pub} reported.",
			"{person.short|agi} said computing capacity, not algorithms, would decide the timeline.",
		},
	},
	{ // Export controls.
		tags: []string{"export-controls", "nvidia", "china"},
		titles: []string{
			"US tells {chip.maker} that {chip|export} exports to {country} need a licence",
			"New export rule catches the {chip|export} and {chip2|export}",
			"{chip.maker} takes {bn1} charge as {chip|chip-sales|export} curbs bite",
			"Export controls: the {chip|export} threshold explained",
		},
		headings: []string{"The Licence Requirement", "Which Chips Are Covered", "The Cost of the Rules", "Thresholds and Tiers"},
		leads: []string{
			"The Commerce Department told {chip.maker} on {date} that exports of the {chip|export} to {country} now required a licence.",
			"On {date}, the Bureau of Industry and Security issued a rule covering the {chip|export} and {chip2|export}, with a compliance date of {date}.",
			"{chip.maker} said in a filing on {date} that it would take a charge of up to {bn1} related to {chip|chip-sales|export} inventory and purchase commitments.",
			"{country|gpu-cap} agreed to limit imports to {gpus} advanced GPUs through {fyear} under a bilateral deal, {pub} reported.",
			"{agency} said on {date} that it would tighten controls on the {chip|export}, citing the risk of diversion to {country}.",
		},
		body: []string{
			"A rule covering the {chip|export} set a performance threshold of {tpp} in total processing performance.",
			"Under {country|gpu-cap}'s own rules, orders of up to {n} GPUs could ship without a licence, {lawfirm} said.",
			"The {chip|chip-spec} moves data between chips at {bw}, against {bw} for the {chip2|chip-spec}.",
			"{country|gpu-cap}'s trade ministry added {n} Chinese entities to its export blacklist on {date}, {pub} reported.",
			"Shares of {listed|stock} fell {movepct} in after-hours trading after the {chip.maker} {chip|chip-sales|export} disclosure.",
			"Law firm {lawfirm} said the licence requirement for the {chip|export} took effect immediately for data-center products.",
			"{chip.maker} said it was unable to ship a further {bn1} of {chip|chip-sales|export} revenue in the quarter.",
			"{person} said the {chip|chip-sales|export} was a deprecated chip and that sales posed little risk.",
			"{chip.maker} agreed to give the US government {pct} of its revenue from {chip|chip-sales|export} sales in {country}.",
			"The {chip|china-chip} had been designed to stay just under the earlier thresholds.",
		},
	},
	{ // App store rankings and government bans.
		tags: []string{"app-store", "government-bans", "privacy"},
		titles: []string{
			"{app|app-chart} climbs to No. {rank} on the App Store",
			"{ban.body|ban} restricts {app|ban} over data concerns",
			"{app|app-chart} downloads top {dl}, says {tracker}",
		},
		headings: []string{"The Rankings", "Regulators Step In", "Downloads"},
		leads: []string{
			"{app|app-chart} reached No. {rank} on Apple's US App Store on {date}, up from No. {rank} a week earlier, according to {tracker}.",
			"Downloads of the {app|app-chart} app rose to {dl} in the week to {date}, {tracker} said.",
			"{ban.body|ban} suspended new downloads of the {app|ban} app on {date}, citing data-protection concerns.",
			"{ban|ban} banned {app|ban} on government devices on {date}, {pub} reported.",
			"On {wdate}, {app|app-chart} was the top free iPhone app in {n} countries, according to {tracker}.",
		},
		body: []string{
			"{app|app-chart} sat in the top 10 in {n} more countries on the App Store.",
			"{tracker} said more than {pct} of all {app|app-chart} downloads had come in the previous {n} days.",
			"{ban.short|ban} said the developer had acknowledged partly neglecting local data-protection law.",
			"{ban.short|ban}'s order does not cover private citizens' devices.",
			"{app2|app-chart} fell to No. {rank} in the same ranking.",
			"{ban.short|ban} opened an investigation and gave the company {n} days to respond.",
			"The {app|ban} web service remained available.",
			"The app competes with {app2} for the top spot.",
		},
	},
	{ // Model releases, benchmarks and prices.
		tags: []string{"benchmarks", "reasoning-models", "api-pricing"},
		titles: []string{
			"{model|bench} vs {model2|bench}: benchmark scores compared",
			"{model.maker} releases {model|launch|params} with {params} parameters",
			"{model|bench} scores {score} on {bench}",
			"{model|price} priced at {price} per million tokens",
		},
		headings: []string{"Benchmarks", "Pricing", "Training Budget", "How {model|bench} Compares"},
		leads: []string{
			"{model|bench} scored {score} on {bench}, against {score} for {model2|bench}, according to {model.maker}'s own tables.",
			"{model.maker} released {model|launch} on {date} with open weights and a technical report.",
			"{model|params} has {params} parameters in total and activates {active} for each token, according to its model card.",
			"{model.maker} said training {model|training} took {gpuh} {chip} GPU hours, or about {mn} at a rental price of {price} per GPU hour.",
			"{model.maker} listed {model|price} at {price} per million input tokens and {price} per million output tokens.",
		},
		body: []string{
			"{model|training} was pre-trained on {ttok} tokens before reinforcement learning.",
			"Researchers at {eval} argued that the {model.short|bench} scores were self-reported and not independent audits.",
			"On {bench2}, {model2|bench} stayed ahead with {score}.",
			"The cluster behind {model.short|training} was {gpus} {chip} GPUs running for about {days} days.",
			"{model.maker} said {model.short|training} was stable during training, with no rollbacks.",
			"Developers had built more than {n} derivative models based on {model.short|launch} within weeks, {pub} reported.",
			"{person} said {model.short|bench} was \"basically comparable\" to {model2|bench}.",
			"Reviewers said {model.short|price} was {pct} cheaper than {model2|price} for the same tasks.",
			"{model.maker} published {n} smaller versions of {model.short|launch|params} based on open models, ranging up to {params} parameters.",
			"Developers compared {model.short} with {model2}.",
		},
	},
	{ // Market value swings.
		tags: []string{"market-value", "nvidia"},
		titles: []string{
			"{listed|stock} loses {bn} in market value as AI stocks slide",
			"{listed|stock} shares fall {movepct} in worst day since {month}",
			"AI sell-off: {listed|stock}, {listed2|stock} and chip stocks tumble",
		},
		headings: []string{"The Sell-Off", "Market Reaction", "Records"},
		leads: []string{
			"{listed|stock} shares fell {movepct} on {date}, erasing about {bn} of market value, {pub} reported.",
			"{listed|stock} closed at {stock} on {date}, its worst day since {month}.",
			"The previous one-day record for {listed2|stock} shares, a loss of {bn}, was set in {month}, according to {pub}.",
			"On {wdate}, {index|stock} dropped {idxpct} as investors sold AI-linked shares.",
		},
		body: []string{
			"Elsewhere, {index2|stock} fell {idxpct}.",
			"{listed2|stock} closed down {movepct}, and traders blamed {lab|selloff} for the sell-off.",
			"Analysts at {firm} wrote that the reaction was overdone and kept a buy rating on {listed}.",
			"{listed|stock} stock had risen {bigpct} the previous year.",
			"The loss was {listed|stock}'s largest since {month}, {pub} said.",
			"Traders compared the move with earlier swings in {listed2} shares.",
		},
	},
	{ // Market forecasts.
		tags: []string{"forecasts", "generative-ai"},
		titles: []string{
			"{firm|forecast} sees generative AI market reaching {tn} by {fyear}",
			"Generative AI could add {tn} a year to the economy, says {firm|forecast}",
			"{firm|forecast}: AI spending to hit {bn} in {fyear}",
		},
		headings: []string{"The Forecasts", "Revenue Versus Value", "Where the Money Goes"},
		leads: []string{
			"{firm|forecast} projected that generative AI revenue would grow to about {tn} by {fyear}, up from {bn} in {year}.",
			"{firm|forecast} estimated that generative AI could add {tnrange} a year to the global economy.",
			"{firm|forecast} economists said generative AI could lift global GDP by {pct} over the next decade.",
			"{firm|forecast} forecast worldwide generative AI spending of {bn} in {fyear}, an increase of {pct} on the previous year.",
		},
		body: []string{
			"{firm|forecast}'s report said about {pct} of that value would fall in customer operations, marketing and software engineering.",
			"{person|forecast} said the sector was poised for rapid growth.",
			"{firm2|forecast} put the market for AI servers at {bn} by {fyear}.",
			"Because the estimates measure different things, their figures are not directly comparable.",
			"{firm|forecast}'s analysts named {co}, {co2} and Nvidia as likely winners.",
			"{firm2} publishes a separate forecast using a different method.",
		},
	},
	{ // Computer-using agents.
		tags: []string{"agents"},
		titles: []string{
			"{agent.maker} launches {agent|launch|agent} for {plan} subscribers",
			"{agent|bench} scores {score} on {abench}",
		},
		headings: []string{"How {agent|agent} Works", "Benchmark Results", "Availability"},
		leads: []string{
			"{agent.maker}'s {agent|launch|agent} launched on {date} as a research preview for {plan|price} subscribers, at {price} per month.",
			"{agent.maker} reported success rates of {score} on {abench} and {score} on {abench2} for {agent|bench}.",
			"{agent.maker} released {agent|launch} on {date}, letting the model read the screen, move the cursor and type.",
		},
		body: []string{
			"{agent.maker} said {agent|agent} still struggled with scrolling, dragging and zooming.",
			"{agent|agent} asks users to take over for steps such as payments.",
			"Human testers scored {score} on the same {abench} tasks.",
			"{agent|agent} was later extended to {plan} users in {n} countries.",
			"{person|agi} said agents would handle a growing share of office work by {agiyear}.",
			"{agent.maker} presented it as an answer to {agent2}.",
		},
	},
	{ // Company profiles, funding and disputes.
		tags: []string{"deepseek", "openai", "china"},
		titles: []string{
			"Who is behind {lab|profile|gpus}? Founders, funding and {gpus} GPUs",
			"{co|distill} accuses {lab|distill} of distilling its models",
			"{lab|funding} raises {bn1} at a {bn} valuation",
		},
		headings: []string{"The Founders", "The Money", "The Accusation"},
		leads: []string{
			"{co|distill} said on {date} that it had seen signs that {lab|distill} trained on its models' outputs, {pub} reported.",
			"{lab|funding} raised {bn1} at a valuation of {bn}, {pub} reported on {date}.",
			"{lab|profile} was spun off from a larger group in {month} so it could focus on frontier research.",
			"{person} said in an interview published on {date} that {lab|profile}'s team was young and mostly trained in China.",
		},
		body: []string{
			"{co|distill} said it had banned the accounts involved and revoked their access.",
			"{lab|profile}'s staff grew to about {jobs} people by {month}.",
			"{person} said distilling rival models was common across the industry.",
			"{lab|profile} publishes the weights of its main models openly.",
			"{lab|funding} is backed by {co2|profile}, which manages about {bn} in assets.",
			"{lab} did not immediately respond to {pub}.",
		},
	},
}
