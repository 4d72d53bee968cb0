/// The words demo data is made of: names, streets and vehicles around San
/// Francisco. Everything here is invented or generic; phone numbers use the 555
/// exchange and e-mail addresses the reserved `example.com` domain (RFC 2606).
enum DemoVocabulary {
    static let firstNames = [
        "Ava", "Ben", "Carmen", "Dana", "Eli", "Farah", "Gus", "Hana", "Ines", "Jonah", "Kira", "Luis",
        "Maya", "Nico", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tomas", "Uma", "Vik", "Wren", "Xavi",
        "Yara", "Zane", "Aiko", "Bruno", "Chloe", "Diego", "Esme", "Felix", "Gia", "Hugo", "Isla", "Jae",
    ]
    static let lastNames = [
        "Alvarez", "Baker", "Chen", "Dubois", "Eriksen", "Fong", "Garcia", "Haddad", "Ito", "Jensen",
        "Kowalski", "Lopez", "Mendes", "Nguyen", "Okafor", "Patel", "Quintero", "Rossi", "Singh", "Tanaka",
        "Underwood", "Vargas", "Wong", "Xu", "Yilmaz", "Zhang", "Moreau", "Larsen", "Park", "Reyes",
    ]
    /// Streets with a neighbourhood centre (longitude, latitude) and a ZIP code.
    static let streets: [(name: String, lng: Double, lat: Double, zip: String)] = [
        ("Valencia St", -122.4215, 37.7599, "94110"), ("Market St", -122.4194, 37.7749, "94103"),
        ("Haight St", -122.4469, 37.7699, "94117"), ("Divisadero St", -122.4376, 37.7790, "94115"),
        ("Irving St", -122.4690, 37.7640, "94122"), ("Columbus Ave", -122.4089, 37.7990, "94133"),
        ("Mission St", -122.4188, 37.7521, "94110"), ("Geary Blvd", -122.4640, 37.7807, "94118"),
        ("Folsom St", -122.4033, 37.7840, "94107"), ("24th St", -122.4340, 37.7517, "94114"),
        ("Taraval St", -122.4800, 37.7429, "94116"), ("Polk St", -122.4203, 37.7930, "94109"),
        ("3rd St", -122.3890, 37.7700, "94158"), ("Ocean Ave", -122.4610, 37.7240, "94112"),
        ("Fillmore St", -122.4330, 37.7880, "94115"), ("Embarcadero", -122.3930, 37.7955, "94111"),
    ]
    static let bikeShops = [
        "Mission Bicycle Co.", "Valencia Cyclery", "Box Dog Bikes", "Everybody Bikes", "The New Wheel",
        "Roaring Mouse Cycles", "Sunset Cyclery", "Golden Gate Bike Works",
    ]
    static let bikeMakes: [(make: String, models: [String], type: String)] = [
        ("Rad Power", ["RadRunner 3", "RadCity 5"], "e-bike"), ("Specialized", ["Turbo Vado", "Sirrus"], "hybrid"),
        ("Trek", ["FX 3", "Allant+ 7"], "e-bike"), ("Cannondale", ["Quick 4", "Synapse"], "road"),
        ("Tern", ["GSD S10", "HSD P9"], "cargo"), ("Brompton", ["C Line", "Electric P Line"], "folding"),
        ("VanMoof", ["S5", "A5"], "e-bike"), ("Giant", ["Escape 3", "Talon 2"], "mountain"),
    ]
    static let vehicleModels: [(type: String, make: String, model: String, capacity: Int, dims: (Int, Int, Int))] = [
        ("pickup_truck", "Ford", "F-150", 1_900, (78, 50, 21)),
        ("pickup_truck", "Toyota", "Tacoma", 1_400, (73, 44, 19)),
        ("cargo_van", "Ford", "Transit Connect", 1_500, (87, 48, 49)),
        ("cargo_van", "Ram", "ProMaster City", 1_880, (89, 60, 51)),
        ("flatbed", "Isuzu", "NPR-HD", 6_000, (192, 96, 0)),
        ("box_truck", "Chevrolet", "Express 3500", 4_000, (144, 84, 84)),
        ("pickup_truck", "Rivian", "R1T", 1_760, (54, 50, 20)),
        ("cargo_van", "Mercedes-Benz", "Sprinter", 3_300, (147, 70, 72)),
    ]
    static let vehicleFeatures = [
        "lift_gate", "tie_downs", "ramps", "bike_rack", "tarp", "air_compressor", "jump_starter",
    ]
    static let rescueTypes: [(type: String, weight: Int, descriptions: [String])] = [
        ("flat_tire", 30, ["Rear tire went flat, no spare tube.", "Front tire punctured by glass."]),
        ("dead_battery", 15, ["E-bike battery died halfway home.", "Battery will not hold a charge."]),
        ("out_of_charge", 15, ["Ran out of charge on a hill.", "Forgot to charge, 0% left."]),
        ("breakdown", 20, ["Chain snapped.", "Derailleur bent after a fall.", "Brakes failed."]),
        ("transport", 12, ["Need the bike taken to the shop.", "Moving the bike across town."]),
        ("other", 8, ["Wheel lock jammed.", "Not sure what is wrong, it will not move."]),
    ]
    static let cancellationReasons = [
        "Fixed it myself", "Found another ride", "Driver took too long", "Requested by mistake", "Driver unavailable",
    ]
    static let rejectionReasons = ["Too far away", "Vehicle too small for a cargo bike", "Finishing another job"]
    static let riderTags = ["professional", "fast", "friendly", "careful", "great_communication", "clean_vehicle"]
    static let driverTags = ["polite", "ready_on_time", "clear_location", "bike_prepared"]
    static let riderComments = [
        "Saved my evening, thank you!", "Quick and careful with my bike.", "Arrived sooner than expected.",
        "Good service.",
    ]
    static let driverComments = ["Easy pickup.", "Rider was waiting at the spot.", "Friendly rider."]
    static let cardBrands = ["visa", "mastercard", "amex", "discover"]
    static let userAgents = [
        "SupportCarr/2.4.1 (iPhone; iOS 18.1)", "SupportCarr/2.4.0 (Android 15; Pixel 8)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) SupportConsole/1.9", "SupportCarr-Driver/3.1.2 (Android 14)",
    ]
    /// Phone area codes of the Bay Area; numbers use the fictional 555 exchange.
    static let areaCodes = ["415", "628", "510", "650"]
}
