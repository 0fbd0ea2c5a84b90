package lexicon

import "strings"

// Class is a set of WordNet's noun lexicographer files, which sort the
// noun synsets by kind of thing: people, places, artifacts, and so on.
type Class uint32

// The classes, one for each noun lexicographer file, in WordNet's order
// of the files (noun.Tops to noun.time).
const (
	// Tops is noun.Tops: unique beginners such as entity and abstraction.
	Tops Class = 1 << iota
	// Act is noun.act: acts or actions.
	Act
	// Animal is noun.animal: animals.
	Animal
	// Artifact is noun.artifact: man-made objects.
	Artifact
	// Attribute is noun.attribute: attributes of people and objects.
	Attribute
	// Body is noun.body: body parts.
	Body
	// Cognition is noun.cognition: cognitive processes and contents.
	Cognition
	// Communication is noun.communication: communicative processes and
	// contents.
	Communication
	// Event is noun.event: natural events.
	Event
	// Feeling is noun.feeling: feelings and emotions.
	Feeling
	// Food is noun.food: foods and drinks.
	Food
	// Group is noun.group: groupings of people or objects, organizations.
	Group
	// Location is noun.location: places, spatial positions.
	Location
	// Motive is noun.motive: goals.
	Motive
	// Object is noun.object: natural objects, not man-made.
	Object
	// Person is noun.person: people.
	Person
	// Phenomenon is noun.phenomenon: natural phenomena.
	Phenomenon
	// Plant is noun.plant: plants.
	Plant
	// Possession is noun.possession: possession and its transfer.
	Possession
	// Process is noun.process: natural processes.
	Process
	// Quantity is noun.quantity: quantities and units of measure.
	Quantity
	// Relationship is noun.relation: relations between people, things or
	// ideas. It is not named Relation, which is the type of Related's
	// results.
	Relationship
	// Shape is noun.shape: two and three dimensional shapes.
	Shape
	// State is noun.state: stable states of affairs.
	State
	// Substance is noun.substance: substances.
	Substance
	// Time is noun.time: time and temporal relations.
	Time
)

// classNames are the names of the classes, in bit order.
var classNames = [...]string{
	"Tops", "Act", "Animal", "Artifact", "Attribute", "Body", "Cognition",
	"Communication", "Event", "Feeling", "Food", "Group", "Location",
	"Motive", "Object", "Person", "Phenomenon", "Plant", "Possession",
	"Process", "Quantity", "Relationship", "Shape", "State", "Substance",
	"Time",
}

// Has reports whether c has any of the classes of o, so that
// c.Has(Location|Group) asks for a place or an organization.
func (c Class) Has(o Class) bool {
	return c&o != 0
}

// String returns the names of the classes in c, as the constants spell
// them, separated by "|" ("Location|Person"), or "0" for none.
func (c Class) String() string {
	var names []string
	for i, name := range classNames {
		if c&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return "0"
	}
	return strings.Join(names, "|")
}
