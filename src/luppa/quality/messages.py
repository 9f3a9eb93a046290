"""User-facing texts of the checks in Finnish, Swedish and English.

Each text says what is wrong and how to fix it. Keys are "<check id>.<outcome>", "common.*"
for outcomes shared by many checks, and "error.*" for inputs that cannot be read at all.
"""

from __future__ import annotations

import re
from typing import Any

LANGUAGES = ("fi", "sv", "en")

# key: (fi, sv, en)
MESSAGES: dict[str, tuple[str, str, str]] = {
    # --- unreadable input ---
    "error.empty": (
        "Tiedosto on tyhjä (0 tavua).",
        "Filen är tom (0 byte).",
        "The file is empty (0 bytes).",
    ),
    "error.file_too_large": (
        "Tiedosto on liian suuri ({size_mb} Mt) luettavaksi kuvana.",
        "Filen är för stor ({size_mb} MB) för att läsas som bild.",
        "The file is too large ({size_mb} MB) to be read as a photo.",
    ),
    "error.not_image": (
        "Tiedosto ei ole kuva. Tallenna kuva JPEG-muodossa.",
        "Filen är inte en bild. Spara bilden i JPEG-format.",
        "The file is not an image. Save the photo as a JPEG.",
    ),
    "error.corrupt": (
        "Kuvatiedosto on vioittunut tai katkennut. Tallenna kuva uudelleen.",
        "Bildfilen är skadad eller avbruten. Spara bilden på nytt.",
        "The image file is damaged or truncated. Save the photo again.",
    ),
    "error.too_many_pixels": (
        "Kuva on liian suuri ({width}×{height} px) käsiteltäväksi (enintään 60 megapikseliä).",
        "Bilden är för stor ({width}×{height} px) för att behandlas (högst 60 megapixel).",
        "The image is too large ({width}×{height} px) to be processed (at most 60 megapixels).",
    ),
    "error.pixel_bomb": (
        "Kuva on liian suuri käsiteltäväksi (enintään 60 megapikseliä).",
        "Bilden är för stor för att behandlas (högst 60 megapixel).",
        "The image is too large to be processed (at most 60 megapixels).",
    ),
    "error.too_small": (
        "Kuva on liian pieni arvioitavaksi ({width}×{height} px).",
        "Bilden är för liten för att bedömas ({width}×{height} px).",
        "The image is too small to be assessed ({width}×{height} px).",
    ),
    "error.not_a_file": (
        "Polku ei ole tavallinen tiedosto.",
        "Sökvägen är inte en vanlig fil.",
        "The path is not a regular file.",
    ),
    "error.no_such_file": (
        "Tiedostoa ei löydy.",
        "Filen finns inte.",
        "No such file.",
    ),
    "error.unreadable_file": (
        "Tiedostoa ei voi lukea ({reason}).",
        "Filen kan inte läsas ({reason}).",
        "The file cannot be read ({reason}).",
    ),
    # --- shared outcomes ---
    "common.no_face": (
        "Ei arvioitu: kasvoja ei löytynyt.",
        "Inte bedömd: inget ansikte hittades.",
        "Not evaluated: no face was found.",
    ),
    "common.not_in_frame": (
        "Ei arvioitu: mittasuhteet tarkistetaan vain 500×653 px kuvasta.",
        "Inte bedömd: proportionerna kontrolleras endast på en bild på 500×653 px.",
        "Not evaluated: proportions are measured only on a 500×653 px photo.",
    ),
    # --- 9 § format ---
    "format.jpeg.ok": (
        "Kuva on JPEG-muodossa.",
        "Bilden är i JPEG-format.",
        "The photo is a JPEG.",
    ),
    "format.jpeg.not_jpeg": (
        "Kuva on {format}-muodossa, vaaditaan JPEG. Tallenna kuva JPEG-muodossa.",
        "Bilden är i {format}-format, JPEG krävs. Spara bilden i JPEG-format.",
        "The photo is a {format} file; JPEG is required. Save it as a JPEG.",
    ),
    "format.jpeg.cmyk": (
        "JPEG on CMYK-väreissä. Tallenna kuva RGB- (sRGB) tai harmaasävykuvana.",
        "JPEG-bilden har CMYK-färger. Spara bilden i RGB (sRGB) eller gråskala.",
        "The JPEG uses CMYK colours. Save it as RGB (sRGB) or greyscale.",
    ),
    "format.jpeg.progressive": (
        "JPEG on progressiivinen. Tallenna kuva perus-JPEG:nä (baseline).",
        "JPEG-bilden är progressiv. Spara bilden som standard-JPEG (baseline).",
        "The JPEG is progressive. Save it as a baseline JPEG.",
    ),
    "format.jpeg.rotated": (
        "Kuvassa on EXIF-kiertotieto ({orientation}); se arvioitiin kierrettynä. "
        "Tallenna kuva ilman kiertotietoa.",
        "Bilden har en EXIF-rotationsuppgift ({orientation}); den bedömdes roterad. "
        "Spara bilden utan rotationsuppgift.",
        "The photo has an EXIF orientation tag ({orientation}); it was assessed rotated. "
        "Save it without the tag.",
    ),
    "format.dimensions.ok": (
        "Kuvan koko on 500×653 px.",
        "Bildens storlek är 500×653 px.",
        "The photo is 500×653 px.",
    ),
    "format.dimensions.wrong": (
        "Kuvan koko on {width}×{height} px, vaaditaan 500×653 px. Rajaa ja skaalaa kuva.",
        "Bildens storlek är {width}×{height} px, 500×653 px krävs. Beskär och skala bilden.",
        "The photo is {width}×{height} px; 500×653 px is required. Crop and scale it.",
    ),
    "format.file_size.ok": (
        "Tiedoston koko {value} kt.",
        "Filens storlek {value} kB.",
        "File size {value} kB.",
    ),
    "format.file_size.too_large": (
        "Tiedosto on liian suuri: {value} kt, enintään 250 kt. Tallenna pienemmällä laadulla.",
        "Filen är för stor: {value} kB, högst 250 kB. Spara med lägre kvalitet.",
        "The file is too large: {value} kB, at most 250 kB. Save it at a lower quality.",
    ),
    "format.compression.ok": (
        "Kuvassa ei näy pakkaushäiriöitä.",
        "Inga komprimeringsstörningar syns i bilden.",
        "No compression artefacts are visible.",
    ),
    "format.compression.artefacts": (
        "Kuvassa näkyy pakkaushäiriöitä (JPEG-laatu noin {quality}). "
        "Tallenna kuva alkuperäisestä korkeammalla laadulla.",
        "Komprimeringsstörningar syns i bilden (JPEG-kvalitet cirka {quality}). "
        "Spara bilden från originalet med högre kvalitet.",
        "Compression artefacts are visible (JPEG quality about {quality}). "
        "Save the photo from the original at a higher quality.",
    ),
    "format.compression.some_artefacts": (
        "Kuvassa voi näkyä pakkaushäiriöitä (JPEG-laatu noin {quality}). Tarkista kuva.",
        "Komprimeringsstörningar kan synas (JPEG-kvalitet cirka {quality}). Kontrollera bilden.",
        "Compression artefacts may be visible (JPEG quality about {quality}). Check the photo.",
    ),
    # --- 6 § one person ---
    "face.single.ok": ("Kuvassa on yhdet kasvot.", "Bilden har ett ansikte.", "One face found."),
    "face.single.none": (
        "Kuvasta ei löydy kasvoja. Kuvaa henkilö suoraan edestä.",
        "Inget ansikte hittades. Fotografera personen rakt framifrån.",
        "No face was found. Photograph the person straight from the front.",
    ),
    "face.single.many": (
        "Kuvassa on {count} kasvot. Kuvassa ei saa näkyä muita ihmisiä.",
        "Bilden har {count} ansikten. Inga andra personer får synas i bilden.",
        "The photo has {count} faces. No other people may be visible.",
    ),
    "face.hands.ok": (
        "Kuvassa ei näy käsiä.",
        "Inga händer syns i bilden.",
        "No hands show in the photo.",
    ),
    "face.hands.found": (
        "Kuvassa näkyy käsi. Kuvassa ei saa näkyä käsiä, ei kuvattavan omia eikä lasta "
        "tukevan henkilön.",
        "En hand syns i bilden. Inga händer får synas, varken personens egna eller en "
        "persons som stöder ett barn.",
        "A hand shows in the photo. No hands may show: neither the person's own nor those "
        "of someone supporting a child.",
    ),
    # --- 2 § geometry ---
    "geometry.centre_line.ok": (
        "Kasvot ovat keskellä: poikkeama {value} px (enintään {limit} px).",
        "Ansiktet är centrerat: avvikelse {value} px (högst {limit} px).",
        "The face is centred: offset {value} px (at most {limit} px).",
    ),
    "geometry.centre_line.off_left": (
        "Kasvot ovat liian vasemmalla: poikkeama {value} px, enintään {limit} px. "
        "Rajaa kuva uudelleen.",
        "Ansiktet är för långt till vänster: avvikelse {value} px, högst {limit} px. "
        "Beskär bilden på nytt.",
        "The face is too far left: offset {value} px, at most {limit} px. Re-crop the photo.",
    ),
    "geometry.centre_line.off_right": (
        "Kasvot ovat liian oikealla: poikkeama {value} px, enintään {limit} px. "
        "Rajaa kuva uudelleen.",
        "Ansiktet är för långt till höger: avvikelse {value} px, högst {limit} px. "
        "Beskär bilden på nytt.",
        "The face is too far right: offset {value} px, at most {limit} px. Re-crop the photo.",
    ),
    "geometry.crown_to_chin.ok": (
        "Pään koko on sopiva: päälaki–leuka {value} px ({low}–{high} px).",
        "Huvudets storlek är lämplig: hjässa–haka {value} px ({low}–{high} px).",
        "Head size is right: crown to chin {value} px ({low}–{high} px).",
    ),
    "geometry.crown_to_chin.too_small": (
        "Pää on liian pieni: päälaki–leuka {value} px, vaaditaan {low}–{high} px. "
        "Rajaa kuva tiukemmin.",
        "Huvudet är för litet: hjässa–haka {value} px, {low}–{high} px krävs. "
        "Beskär bilden snävare.",
        "The head is too small: crown to chin {value} px, {low}–{high} px required. "
        "Crop the photo tighter.",
    ),
    "geometry.crown_to_chin.too_large": (
        "Pää on liian suuri: päälaki–leuka {value} px, vaaditaan {low}–{high} px. "
        "Rajaa kuva väljemmin.",
        "Huvudet är för stort: hjässa–haka {value} px, {low}–{high} px krävs. "
        "Beskär bilden vidare.",
        "The head is too large: crown to chin {value} px, {low}–{high} px required. "
        "Crop the photo looser.",
    ),
    "geometry.crown_margin.ok": (
        "Päälaki on {value} px yläreunasta ({low}–{high} px).",
        "Hjässan är {value} px från överkanten ({low}–{high} px).",
        "The crown is {value} px from the top edge ({low}–{high} px).",
    ),
    "geometry.crown_margin.too_high": (
        "Pää on liian ylhäällä: päälaki {value} px yläreunasta, vaaditaan {low}–{high} px.",
        "Huvudet är för högt: hjässan {value} px från överkanten, {low}–{high} px krävs.",
        "The head is too high: crown {value} px from the top edge, {low}–{high} px required.",
    ),
    "geometry.crown_margin.too_low": (
        "Pää on liian alhaalla: päälaki {value} px yläreunasta, vaaditaan {low}–{high} px.",
        "Huvudet är för lågt: hjässan {value} px från överkanten, {low}–{high} px krävs.",
        "The head is too low: crown {value} px from the top edge, {low}–{high} px required.",
    ),
    "geometry.chin_margin.ok": (
        "Leuka on {value} px alareunasta ({low}–{high} px).",
        "Hakan är {value} px från nederkanten ({low}–{high} px).",
        "The chin is {value} px from the bottom edge ({low}–{high} px).",
    ),
    "geometry.chin_margin.too_low": (
        "Pää on liian alhaalla: leuka {value} px alareunasta, vaaditaan {low}–{high} px.",
        "Huvudet är för lågt: hakan {value} px från nederkanten, {low}–{high} px krävs.",
        "The head is too low: chin {value} px from the bottom edge, {low}–{high} px required.",
    ),
    "geometry.chin_margin.too_high": (
        "Pää on liian ylhäällä: leuka {value} px alareunasta, vaaditaan {low}–{high} px.",
        "Huvudet är för högt: hakan {value} px från nederkanten, {low}–{high} px krävs.",
        "The head is too high: chin {value} px from the bottom edge, {low}–{high} px required.",
    ),
    # --- 3 § pose ---
    "pose.straight.ok": ("Pää on suorassa.", "Huvudet är rakt.", "The head is straight."),
    "pose.straight.tilted": (
        "Pää on kallellaan noin {angle}°. Pyydä kuvattavaa suoristamaan pää.",
        "Huvudet lutar cirka {angle}°. Be personen räta på huvudet.",
        "The head is tilted about {angle}°. Ask the person to hold the head upright.",
    ),
    "pose.straight.turned": (
        "Pää on kääntynyt sivulle noin {angle}°. Kasvojen tulee olla suoraan kameraan.",
        "Huvudet är vänt åt sidan cirka {angle}°. Ansiktet ska vara riktat rakt mot kameran.",
        "The head is turned about {angle}° to the side. Face the camera squarely.",
    ),
    "pose.straight.up": (
        "Leuka on liian ylhäällä (pää taaksepäin noin {angle}°). Pyydä laskemaan leukaa.",
        "Hakan är för högt (huvudet bakåt cirka {angle}°). Be personen sänka hakan.",
        "The chin is raised (head tilted back about {angle}°). Ask the person to lower it.",
    ),
    "pose.straight.down": (
        "Leuka on liian alhaalla (pää eteenpäin noin {angle}°). Pyydä nostamaan leukaa.",
        "Hakan är för lågt (huvudet framåt cirka {angle}°). Be personen lyfta hakan.",
        "The chin is lowered (head tilted forward about {angle}°). Ask the person to raise it.",
    ),
    "pose.gaze.ok": (
        "Katse on suoraan kameraan.",
        "Blicken är riktad rakt mot kameran.",
        "The gaze is straight at the camera.",
    ),
    "pose.gaze.aside": (
        "Katse ei ole kameraan. Pyydä kuvattavaa katsomaan suoraan kameraan.",
        "Blicken är inte riktad mot kameran. Be personen titta rakt in i kameran.",
        "The eyes are not looking at the camera. Ask the person to look straight into it.",
    ),
    "pose.gaze.maybe_aside": (
        "Katse saattaa olla sivulla. Tarkista, että kuvattava katsoo kameraan.",
        "Blicken kan vara riktad åt sidan. Kontrollera att personen tittar i kameran.",
        "The gaze may be off to the side. Check that the person looks into the camera.",
    ),
    "pose.gaze.eyes_closed": (
        "Katsetta ei voi arvioida, koska silmät ovat kiinni tai lähes kiinni.",
        "Blicken kan inte bedömas eftersom ögonen är stängda eller nästan stängda.",
        "The gaze cannot be judged: the eyes are closed or nearly closed.",
    ),
    "pose.gaze.maybe_down": (
        "Katse saattaa suuntautua alas. Tarkista, että kuvattava katsoo kameraan.",
        "Blicken kan vara riktad nedåt. Kontrollera att personen tittar i kameran.",
        "The eyes may be looking down. Check that the person looks into the camera.",
    ),
    # --- 4 § expression ---
    "expression.eyes_open.ok": ("Silmät ovat auki.", "Ögonen är öppna.", "The eyes are open."),
    "expression.eyes_open.closed": (
        "Silmät ovat kiinni tai lähes kiinni. Ota uusi kuva silmät auki.",
        "Ögonen är stängda eller nästan stängda. Ta en ny bild med öppna ögon.",
        "The eyes are closed or nearly closed. Take a new photo with the eyes open.",
    ),
    "expression.eyes_open.squint": (
        "Silmät voivat olla siristetyt. Tarkista, että silmät ovat kunnolla auki.",
        "Ögonen kan vara kisande. Kontrollera att ögonen är ordentligt öppna.",
        "The eyes may be squinting. Check that they are fully open.",
    ),
    "expression.mouth_closed.ok": ("Suu on kiinni.", "Munnen är stängd.", "The mouth is closed."),
    "expression.mouth_closed.open": (
        "Suu on auki. Suun tulee olla kiinni (pienellä lapsella vähän auki).",
        "Munnen är öppen. Munnen ska vara stängd (hos ett litet barn lite öppen).",
        "The mouth is open. It must be closed (a small child's may be slightly open).",
    ),
    "expression.mouth_closed.slightly_open": (
        "Suu voi olla hieman auki. Tarkista, että huulet ovat yhdessä.",
        "Munnen kan vara något öppen. Kontrollera att läpparna är slutna.",
        "The mouth may be slightly open. Check that the lips are together.",
    ),
    "expression.neutral.ok": (
        "Ilme on neutraali.",
        "Ansiktsuttrycket är neutralt.",
        "The expression is neutral.",
    ),
    "expression.neutral.smile": (
        "Kuvattava hymyilee. Ilmeen tulee olla neutraali.",
        "Personen ler. Ansiktsuttrycket ska vara neutralt.",
        "The person is smiling. The expression must be neutral.",
    ),
    "expression.neutral.maybe_smile": (
        "Ilme ei ehkä ole neutraali (suupielet koholla). Tarkista ilme.",
        "Uttrycket är kanske inte neutralt (mungiporna uppåt). Kontrollera uttrycket.",
        "The expression may not be neutral (mouth corners raised). Check it.",
    ),
    "expression.neutral.wink": (
        "Toinen silmä on kiinni (silmänisku). Ilmeen tulee olla neutraali, molemmat silmät auki.",
        "Ena ögat är stängt (en blinkning). Uttrycket ska vara neutralt med båda ögonen öppna.",
        "One eye is shut (a wink). The expression must be neutral, with both eyes open.",
    ),
    "expression.neutral.talking": (
        "Huulet ovat erillään, kuin puhuessa tai irvistäessä. Ilmeen tulee olla neutraali.",
        "Läpparna är isär, som när man talar eller grimaserar. Uttrycket ska vara neutralt.",
        "The lips are apart, as when talking or grimacing. The expression must be neutral.",
    ),
    "expression.neutral.frown": (
        "Ilme ei ehkä ole neutraali (kulmat kurtussa tai suupielet alhaalla). Tarkista ilme.",
        "Uttrycket är kanske inte neutralt (rynkad panna eller nedåtdragna mungipor). "
        "Kontrollera uttrycket.",
        "The expression may not be neutral (a frown or drawn-down mouth corners). Check it.",
    ),
    "expression.neutral.pout": (
        "Ilme ei ehkä ole neutraali (huulet suipussa tai yhteen puristetut). Tarkista ilme.",
        "Uttrycket är kanske inte neutralt (trutande eller hopknipna läppar). "
        "Kontrollera uttrycket.",
        "The expression may not be neutral (pouting or pursed lips). Check it.",
    ),
    "expression.neutral.brows_raised": (
        "Ilme ei ehkä ole neutraali (kulmakarvat koholla). Tarkista ilme.",
        "Uttrycket är kanske inte neutralt (höjda ögonbryn). Kontrollera uttrycket.",
        "The expression may not be neutral (raised eyebrows). Check it.",
    ),
    # --- 6 § background ---
    "background.plain.ok": (
        "Tausta on tasainen.",
        "Bakgrunden är enfärgad och jämn.",
        "The background is plain.",
    ),
    "background.plain.busy": (
        "Taustassa on kuvioita, esineitä tai epätasaisuutta. Käytä yksiväristä tasaista taustaa.",
        "Bakgrunden har mönster, föremål eller ojämnheter. Använd en enfärgad jämn bakgrund.",
        "The background shows patterns, objects or blotches. Use a plain, even background.",
    ),
    "background.plain.maybe_busy": (
        "Taustassa voi olla kuvioita tai esineitä. Tarkista tausta.",
        "Bakgrunden kan ha mönster eller föremål. Kontrollera bakgrunden.",
        "The background may show patterns or objects. Check it.",
    ),
    "background.plain.not_found": (
        "Taustaa ei voitu arvioida: sitä ei näy tarpeeksi.",
        "Bakgrunden kunde inte bedömas: för lite av den syns.",
        "The background could not be assessed: too little of it is visible.",
    ),
    "background.light.ok": (
        "Tausta on vaalea ja neutraali.",
        "Bakgrunden är ljus och neutral.",
        "The background is light and neutral.",
    ),
    "background.light.dark": (
        "Tausta on liian tumma. Käytä vaaleaa taustaa ja valaise se.",
        "Bakgrunden är för mörk. Använd en ljus bakgrund och belys den.",
        "The background is too dark. Use a light background and light it.",
    ),
    "background.light.coloured": (
        "Tausta ei ole väriltään neutraali. Käytä vaaleanharmaata tai valkoista taustaa.",
        "Bakgrunden är inte neutral i färgen. Använd en ljusgrå eller vit bakgrund.",
        "The background is not a neutral colour. Use a light grey or white background.",
    ),
    "background.light.borderline": (
        "Tausta on melko tumma tai värillinen. Tarkista tausta.",
        "Bakgrunden är ganska mörk eller färgad. Kontrollera bakgrunden.",
        "The background is rather dark or coloured. Check it.",
    ),
    "background.light.not_found": (
        "Taustaa ei voitu arvioida: sitä ei näy tarpeeksi.",
        "Bakgrunden kunde inte bedömas: för lite av den syns.",
        "The background could not be assessed: too little of it is visible.",
    ),
    # --- 7 § lighting ---
    "lighting.exposure.ok": (
        "Valotus on kunnossa.",
        "Exponeringen är korrekt.",
        "The exposure is right.",
    ),
    "lighting.exposure.dark": (
        "Kuva on alivalottunut (liian tumma). Lisää valoa tai valotusta.",
        "Bilden är underexponerad (för mörk). Öka ljuset eller exponeringen.",
        "The photo is under-exposed (too dark). Add light or exposure.",
    ),
    "lighting.exposure.light": (
        "Kuva on ylivalottunut (liian vaalea). Vähennä valoa tai valotusta.",
        "Bilden är överexponerad (för ljus). Minska ljuset eller exponeringen.",
        "The photo is over-exposed (too light). Reduce the light or exposure.",
    ),
    "lighting.even.ok": (
        "Kasvot ovat tasaisesti valaistut.",
        "Ansiktet är jämnt belyst.",
        "The face is evenly lit.",
    ),
    "lighting.even.shadow": (
        "Kasvojen toinen puoli on {percent} % tummempi. Valaise kasvot tasaisesti.",
        "Ena ansiktshalvan är {percent} % mörkare. Belys ansiktet jämnt.",
        "One side of the face is {percent}% darker. Light the face evenly.",
    ),
    "lighting.even.slight_shadow": (
        "Kasvojen toinen puoli on {percent} % tummempi. Tarkista varjot.",
        "Ena ansiktshalvan är {percent} % mörkare. Kontrollera skuggorna.",
        "One side of the face is {percent}% darker. Check for shadows.",
    ),
    "lighting.hot_spots.ok": (
        "Kasvoilla ei ole kirkaspisteitä.",
        "Inga reflexer syns i ansiktet.",
        "No hot spots on the face.",
    ),
    "lighting.hot_spots.found": (
        "Kasvoilla on kirkaspisteitä (heijastuksia). Pehmennä valoa tai puuteroi iho.",
        "Ansiktet har reflexer (blanka fläckar). Mjuka upp ljuset eller pudra huden.",
        "The face shows hot spots (glare). Soften the light or powder the skin.",
    ),
    "lighting.hot_spots.some": (
        "Kasvoilla voi olla kirkaspisteitä. Tarkista heijastukset.",
        "Ansiktet kan ha reflexer. Kontrollera reflexerna.",
        "The face may show hot spots. Check for glare.",
    ),
    "lighting.red_eye.ok": ("Ei punasilmäisyyttä.", "Inga röda ögon.", "No red-eye."),
    "lighting.red_eye.found": (
        "Kuvassa on punasilmäisyyttä. Ota uusi kuva ilman suoraa salamaa.",
        "Bilden har röda ögon. Ta en ny bild utan direkt blixt.",
        "The photo shows red-eye. Take a new photo without direct flash.",
    ),
    # --- 8 § technical ---
    "image.sharpness.ok": ("Kasvot ovat tarkat.", "Ansiktet är skarpt.", "The face is sharp."),
    "image.sharpness.blurred": (
        "Kuva on epätarkka. Tarkenna kasvoihin ja ota uusi kuva.",
        "Bilden är oskarp. Fokusera på ansiktet och ta en ny bild.",
        "The photo is blurred. Focus on the face and take a new photo.",
    ),
    "image.sharpness.soft": (
        "Kuva voi olla hieman epätarkka. Tarkista terävyys.",
        "Bilden kan vara något oskarp. Kontrollera skärpan.",
        "The photo may be slightly soft. Check the focus.",
    ),
    "image.noise.ok": ("Kuvassa ei ole kohinaa.", "Bilden har inget brus.", "No visible noise."),
    "image.noise.grainy": (
        "Kuva on rakeinen (kohinaa). Käytä enemmän valoa ja pienempää ISO-arvoa.",
        "Bilden är kornig (brus). Använd mer ljus och lägre ISO-värde.",
        "The photo is grainy (noise). Use more light and a lower ISO.",
    ),
    "image.noise.slightly_grainy": (
        "Kuvassa voi olla kohinaa. Tarkista rakeisuus.",
        "Bilden kan ha brus. Kontrollera korningheten.",
        "The photo may be slightly grainy. Check it.",
    ),
    "image.colour.ok": ("Värit ovat luonnolliset.", "Färgerna är naturliga.", "Natural colours."),
    "image.colour.greyscale": (
        "Mustavalkoinen kuva on sallittu.",
        "En svartvit bild är tillåten.",
        "A black-and-white photo is allowed.",
    ),
    "image.colour.cast": (
        "Kuvassa on värivirhe (värisävy). Korjaa valkotasapaino.",
        "Bilden har ett färgfel (färgstick). Korrigera vitbalansen.",
        "The photo has a colour error (colour cast). Correct the white balance.",
    ),
    "image.colour.slight_cast": (
        "Kuvassa voi olla värisävy. Tarkista valkotasapaino.",
        "Bilden kan ha ett färgstick. Kontrollera vitbalansen.",
        "The photo may have a colour cast. Check the white balance.",
    ),
    # --- 5 § eyes visible ---
    "face.eyes_visible.ok": (
        "Silmät erottuvat selvästi.",
        "Ögonen syns tydligt.",
        "The eyes are clearly visible.",
    ),
    "face.eyes_visible.hidden": (
        "Silmät eivät erotu: hiukset, päähine, käsi tai tummat linssit peittävät ne. "
        "Silmien tulee näkyä selvästi.",
        "Ögonen syns inte: hår, huvudbonad, en hand eller mörka glas täcker dem. "
        "Ögonen ska synas tydligt.",
        "The eyes cannot be seen: hair, a head covering, a hand or dark lenses cover them. "
        "The eyes must be clearly visible.",
    ),
    "face.eyes_visible.one_hidden": (
        "Toinen silmä ei erotu: jokin peittää sen. Molempien silmien tulee näkyä selvästi.",
        "Ena ögat syns inte: något täcker det. Båda ögonen ska synas tydligt.",
        "One eye cannot be seen: something covers it. Both eyes must be clearly visible.",
    ),
    "face.eyes_visible.unclear": (
        "Silmät erottuvat heikosti (siristys, varjo tai osittain peitossa). Tarkista silmät.",
        "Ögonen syns dåligt (kisande, skugga eller delvis täckta). Kontrollera ögonen.",
        "The eyes are hard to see (squinting, shadow or partly covered). Check them.",
    ),
    "face.eyes_visible.closed": (
        "Ei arvioitu: silmät ovat kiinni.",
        "Inte bedömd: ögonen är stängda.",
        "Not evaluated: the eyes are closed.",
    ),
    "accessories.head_covering.ok": (
        "Otsa näkyy, eikä sen päällä ole päähinettä tai varjoa.",
        "Pannan syns, utan huvudbonad eller skugga över den.",
        "The forehead shows, with no head covering or shadow over it.",
    ),
    "accessories.head_covering.covered": (
        "Otsan peittää päähine tai hiukset, tai sen päällä on varjo. Tarkista, ettei mikään "
        "peitä kasvoja tai varjosta niitä. Päähine on sallittu vain uskonnollisesta tai "
        "vakiintuneesta kansantavasta johtuvasta syystä.",
        "Pannan täcks av en huvudbonad eller hår, eller ligger i skugga. Kontrollera att "
        "inget täcker eller skuggar ansiktet. Huvudbonad är tillåten endast av religiösa "
        "skäl eller på grund av en etablerad sedvänja.",
        "A head covering or hair covers the forehead, or it lies in shadow. Check that "
        "nothing covers or shades the face. A head covering is allowed only for religious "
        "reasons or an established custom.",
    ),
    # --- 5 § glasses ---
    "accessories.glasses.ok": (
        "Silmät erottuvat selvästi.",
        "Ögonen syns tydligt.",
        "The eyes are clearly visible.",
    ),
    "accessories.glasses.seen": (
        "Kuvassa näyttää olevan silmälasit. Tarkista, etteivät kehykset peitä silmiä eikä "
        "linsseissä näy heijastuksia tai varjoja.",
        "Personen verkar bära glasögon. Kontrollera att bågarna inte täcker ögonen och att "
        "inga reflexer eller skuggor syns.",
        "Glasses seem to be worn. Check that the frames do not cross the eyes and that the "
        "lenses show no reflections or shadows.",
    ),
    "accessories.glasses.reflections": (
        "Silmälaseissa näkyy heijastuksia. Kallista laseja tai siirrä valoa, tai riisu lasit.",
        "Glasögonen har reflexer. Luta glasögonen eller flytta ljuset, eller ta av dem.",
        "The glasses show reflections. Tilt them or move the light, or take them off.",
    ),
    "accessories.glasses.bright_eyes": (
        "Silmien ympärillä on kirkkaita heijastuksia. Tarkista, että silmät erottuvat.",
        "Det finns starka reflexer runt ögonen. Kontrollera att ögonen syns tydligt.",
        "There are bright reflections around the eyes. Check that the eyes are clear.",
    ),
}


# Words that appear inside messages as parameters (tuples of these keys are joined).
TERMS: dict[str, tuple[str, str, str]] = {
    "top": ("yläpuolella", "ovanför", "above"),
    "bottom": ("alapuolella", "nedanför", "below"),
    "left": ("vasemmalla", "till vänster", "left"),
    "right": ("oikealla", "till höger", "right"),
}


def _format(value: Any, lang: str) -> Any:
    if isinstance(value, tuple):
        index = LANGUAGES.index(lang)
        return ", ".join(TERMS[v][index] if v in TERMS else str(v) for v in value)
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang in ("fi", "sv") else text
    return value


# Names of the measured values that checks report as {name: number}: shown to people in
# their language, never as the code's English names.
VALUE_LABELS: dict[str, tuple[str, str, str]] = {
    "roll": ("kallistus", "lutning", "roll"),
    "yaw": ("kääntö", "vridning", "yaw"),
    "pitch": ("nyökkäys", "nickning", "pitch"),
    "edges": ("reunoja", "kanter", "edges"),
    "texture": ("pintakuvio", "textur", "texture"),
    "variation": ("sävyvaihtelu", "tonvariation", "variation"),
    "lightness": ("vaaleus", "ljushet", "lightness"),
    "chroma": ("värikylläisyys", "kroma", "chroma"),
    "face": ("kasvot", "ansiktet", "face"),
    "highlight": ("kirkkain kohta", "ljusaste punkt", "highlight"),
    "clipped": ("puhki palanut tai musta", "utbränt eller svart", "clipped"),
    "quality": ("JPEG-laatu", "JPEG-kvalitet", "JPEG quality"),
    "blockiness": ("lohkoisuus", "blockighet", "blockiness"),
    "glasses": ("silmälasit", "glasögon", "glasses"),
    "reflections": ("heijastukset", "reflexer", "reflections"),
}


def format_value(value: Any, lang: str = "fi") -> str:
    """A check's measured value as text in `lang`: numbers with the language's decimal sign,
    and named parts ({"roll": -3.1, "yaw": -8.8}) with their names in that language."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    if value is None:
        return "–"
    if isinstance(value, dict):
        return "; ".join(
            f"{VALUE_LABELS[k][index] if k in VALUE_LABELS else k} {format_value(v, lang)}"
            for k, v in value.items()
        )
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang in ("fi", "sv") else text
    return str(value)


def render(key: str, lang: str, params: dict[str, Any] | None = None) -> str:
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    text = MESSAGES[key][index]
    values = {k: _format(v, lang) for k, v in (params or {}).items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


MESSAGES.update(
    {
        "frame.no_face": (
            "Kuvasta ei löydy kasvoja, joten sitä ei voi rajata.",
            "Inget ansikte hittades, så bilden kan inte beskäras.",
            "No face was found, so the photo cannot be framed.",
        ),
        "frame.face_too_small": (
            "Kasvot ovat kuvassa liian pienet rajattaviksi (noin {face} px, päälaki–leuka "
            "vähintään {needed} px tarvitaan). Kuvaa lähempää niin, että pää ja hartiat "
            "täyttävät kuvan.",
            "Ansiktet är för litet i bilden för att beskäras (cirka {face} px, hjässa–haka "
            "minst {needed} px behövs). Fotografera närmare så att huvud och axlar fyller "
            "bilden.",
            "The face is too small in the photo to be framed (about {face} px; crown to chin "
            "needs at least {needed} px). Shoot closer, so that the head and shoulders fill "
            "the picture.",
        ),
        "frame.many_faces": (
            "Kuvassa on {count} kasvot; rajaus tehdään vain yhden henkilön kuvasta.",
            "Bilden har {count} ansikten; endast en bild av en person kan beskäras.",
            "The photo has {count} faces; only a photo of one person can be framed.",
        ),
        "frame.low_resolution": (
            "Resoluutio on liian pieni: päälaki–leuka on {head} px, vähintään {needed} px "
            "tarvitaan, jotta kuva pysyy terävänä. Kuvaa lähempää tai suuremmalla tarkkuudella.",
            "Upplösningen är för låg: hjässa–haka är {head} px, minst {needed} px behövs för "
            "att bilden ska förbli skarp. Fotografera närmare eller med högre upplösning.",
            "Resolution too low: crown to chin is {head} px; at least {needed} px are needed "
            "to keep the photo sharp. Shoot closer or at a higher resolution.",
        ),
        "frame.does_not_fit": (
            "Pää ei mahdu rajaukseen: kuvassa ei ole tarpeeksi tilaa ({sides}). "
            "Kuvaa kauempaa niin, että pään ympärille jää tilaa.",
            "Huvudet ryms inte i beskärningen: bilden har för lite utrymme ({sides}). "
            "Fotografera längre ifrån så att det finns utrymme runt huvudet.",
            "The head does not fit the frame: the photo lacks room ({sides}). "
            "Shoot from further away so there is space around the head.",
        ),
        "frame.too_large": (
            "Kuvaa ei saatu mahtumaan 250 kilotavuun.",
            "Bilden kunde inte rymmas inom 250 kilobyte.",
            "The photo could not be made to fit in 250 kB.",
        ),
        "frame.cannot_write": (
            "Tulostiedostoa ei voi kirjoittaa ({reason}).",
            "Utdatafilen kan inte skrivas ({reason}).",
            "The output file cannot be written ({reason}).",
        ),
    }
)

MESSAGES.update(
    {
        "pose.straight.maybe_tilted": (
            "Pää voi olla hieman kallellaan (noin {angle}°). Tarkista asento.",
            "Huvudet kan luta något (cirka {angle}°). Kontrollera hållningen.",
            "The head may be slightly tilted (about {angle}°). Check the pose.",
        ),
        "pose.straight.maybe_turned": (
            "Pää voi olla hieman sivulle kääntynyt (noin {angle}°). Tarkista asento.",
            "Huvudet kan vara något vänt åt sidan (cirka {angle}°). Kontrollera hållningen.",
            "The head may be turned slightly (about {angle}°). Check the pose.",
        ),
        "pose.straight.maybe_up": (
            "Leuka voi olla hieman koholla. Tarkista, että pää on suorassa.",
            "Hakan kan vara något höjd. Kontrollera att huvudet är rakt.",
            "The chin may be slightly raised. Check that the head is level.",
        ),
        "pose.straight.maybe_down": (
            "Leuka voi olla hieman alhaalla. Tarkista, että pää on suorassa.",
            "Hakan kan vara något sänkt. Kontrollera att huvudet är rakt.",
            "The chin may be slightly lowered. Check that the head is level.",
        ),
    }
)

MESSAGES.update(
    {
        "lighting.exposure.maybe_light": (
            "Tausta on puhki valottunut (täysin valkoinen). Tarkista, ettei kuva ole "
            "ylivalottunut ja että kasvojen sävyt erottuvat.",
            "Bakgrunden är utbränd (helt vit). Kontrollera att bilden inte är överexponerad "
            "och att ansiktets toner syns.",
            "The background is burnt out (pure white). Check that the photo is not "
            "over-exposed and that the face keeps its tones.",
        ),
    }
)


# Names of the checks, for tables and the officer's view (one per check, in every language).
MESSAGES.update(
    {
        "format.jpeg.title": ("Tiedostomuoto", "Filformat", "File format"),
        "format.dimensions.title": ("Kuvan koko", "Bildens storlek", "Photo size"),
        "format.file_size.title": ("Tiedoston koko", "Filens storlek", "File size"),
        "format.compression.title": (
            "Pakkaushäiriöt",
            "Komprimeringsstörningar",
            "Compression artefacts",
        ),
        "face.single.title": ("Muut henkilöt", "Andra personer", "Other people"),
        "geometry.centre_line.title": (
            "Kasvojen keskilinja",
            "Ansiktets mittlinje",
            "Face centre line",
        ),
        "geometry.crown_to_chin.title": ("Päälaki–leuankärki", "Hjässa–hakspets", "Crown to chin"),
        "geometry.crown_margin.title": (
            "Päälaen etäisyys yläreunasta",
            "Hjässans avstånd från överkanten",
            "Crown distance from the top edge",
        ),
        "geometry.chin_margin.title": (
            "Leuankärjen etäisyys alareunasta",
            "Hakspetsens avstånd från nederkanten",
            "Chin distance from the bottom edge",
        ),
        "pose.straight.title": ("Pään asento", "Huvudets hållning", "Head position"),
        "pose.gaze.title": ("Katse", "Blick", "Gaze"),
        "expression.eyes_open.title": ("Silmät auki", "Ögonen öppna", "Eyes open"),
        "expression.mouth_closed.title": ("Suu kiinni", "Munnen stängd", "Mouth closed"),
        "expression.neutral.title": (
            "Neutraali ilme",
            "Neutralt ansiktsuttryck",
            "Neutral expression",
        ),
        "accessories.glasses.title": (
            "Silmälasien heijastumat",
            "Reflexer i glasögonen",
            "Reflections in glasses",
        ),
        "face.eyes_visible.title": ("Silmien näkyvyys", "Ögonens synlighet", "Eyes visible"),
        "face.hands.title": ("Kädet kuvassa", "Händer i bilden", "Hands in the photo"),
        "accessories.head_covering.title": (
            "Päähine tai varjo otsalla",
            "Huvudbonad eller skugga på pannan",
            "Head covering or shadow on the forehead",
        ),
        "background.plain.title": ("Taustan tasaisuus", "Bakgrundens jämnhet", "Plain background"),
        "background.light.title": (
            "Taustan vaaleus",
            "Bakgrundens ljushet",
            "Background lightness",
        ),
        "lighting.exposure.title": ("Valotus", "Exponering", "Exposure"),
        "lighting.even.title": ("Valaistuksen tasaisuus", "Belysningens jämnhet", "Even lighting"),
        "lighting.hot_spots.title": ("Kirkaspisteet", "Reflexer", "Hot spots"),
        "lighting.red_eye.title": ("Punasilmäisyys", "Röda ögon", "Red-eye"),
        "image.sharpness.title": ("Terävyys", "Skärpa", "Sharpness"),
        "image.noise.title": ("Rakeisuus", "Kornighet", "Graininess"),
        "image.colour.title": ("Värit", "Färger", "Colours"),
    }
)


# The limit of each check in every language: structured numbers (the check's limit_params)
# rendered with the language's decimal sign. Reports saved before these existed keep their
# English limit text, which localise_limit below still translates.
MESSAGES.update(
    {
        "face.eyes_visible.limit": (
            "silmänvalkuaisen ja iiriksen kontrasti ≥ {min}",
            "kontrast mellan ögonvita och iris ≥ {min}",
            "eye white and iris contrast ≥ {min}",
        ),
        "accessories.glasses.limit": (
            "ei heijastuksia (≤ {percent} %)",
            "inga reflexer (≤ {percent} %)",
            "no lens reflections (≤ {percent}%)",
        ),
        "accessories.head_covering.limit": (
            "otsa näkyvissä, ei varjossa",
            "pannan synlig, inte i skugga",
            "forehead visible, not in shadow",
        ),
        "background.plain.limit": (
            "reunoja ≤ {percent} % taustasta",
            "kanter ≤ {percent} % av bakgrunden",
            "edges ≤ {percent}% of the background",
        ),
        "background.light.limit": (
            "vaaleus ≥ {lightness}/255, värikylläisyys ≤ {chroma}",
            "ljushet ≥ {lightness}/255, kroma ≤ {chroma}",
            "lightness ≥ {lightness}/255, chroma ≤ {chroma}",
        ),
        "expression.eyes_open.limit": (
            "luomirako ≥ {min} silmän leveydestä",
            "ögonspringa ≥ {min} av ögats bredd",
            "lid opening ≥ {min} of eye width",
        ),
        "expression.mouth_closed.limit": (
            "huulirako ≤ {max} suun leveydestä",
            "läppspalt ≤ {max} av munnens bredd",
            "lip gap ≤ {max} of mouth width",
        ),
        "expression.neutral.limit": (
            "hymyn voimakkuus ≤ {max}",
            "leendets styrka ≤ {max}",
            "smile score ≤ {max}",
        ),
        "face.single.limit": ("1 kasvot", "1 ansikte", "1 face"),
        "face.hands.limit": ("ei käsiä", "inga händer", "no hands"),
        "format.jpeg.limit": (
            "JPEG (perusmuotoinen, RGB tai harmaasävy)",
            "JPEG (baseline, RGB eller gråskala)",
            "JPEG (baseline, RGB or greyscale)",
        ),
        "format.dimensions.limit": (
            "{width}×{height} px",
            "{width}×{height} px",
            "{width}×{height} px",
        ),
        "format.file_size.limit": ("≤ {kb} kt", "≤ {kb} kB", "≤ {kb} kB"),
        "format.compression.limit": (
            "ei näkyviä pakkaushäiriöitä (JPEG-laatu ≥ {quality})",
            "inga synliga komprimeringsstörningar (JPEG-kvalitet ≥ {quality})",
            "no visible artefacts (JPEG quality ≥ {quality})",
        ),
        "image.sharpness.limit": ("epätarkkuus ≤ {max}", "oskärpa ≤ {max}", "blur ≤ {max}"),
        "image.noise.limit": ("kohina σ ≤ {max}", "brus σ ≤ {max}", "noise σ ≤ {max}"),
        "image.colour.limit": ("värisävy ≤ {max}", "färgstick ≤ {max}", "colour cast ≤ {max}"),
        "lighting.exposure.limit": (
            "kasvojen vaaleus {low}–{high}/255",
            "ansiktets ljushet {low}–{high}/255",
            "face lightness {low}–{high}/255",
        ),
        "lighting.even.limit": (
            "kasvojen puoliskojen ero ≤ {percent} %",
            "skillnad mellan ansiktshalvorna ≤ {percent} %",
            "face halves differ ≤ {percent}%",
        ),
        "lighting.hot_spots.limit": (
            "kiiltävää ihoa ≤ {percent} %",
            "blank hud ≤ {percent} %",
            "specular skin ≤ {percent}%",
        ),
        "lighting.red_eye.limit": (
            "punaista pupillissa ≤ {percent} %",
            "rött i pupillen ≤ {percent} %",
            "red pupil ≤ {percent}%",
        ),
        "pose.straight.limit": (
            "kallistus ≤ {roll}°, kääntö ≤ {yaw}°, nyökkäys ≤ {pitch}°",
            "lutning ≤ {roll}°, vridning ≤ {yaw}°, nickning ≤ {pitch}°",
            "roll ≤ {roll}°, yaw ≤ {yaw}°, pitch ≤ {pitch}°",
        ),
        "pose.gaze.limit": (
            "iiris ±{max} silmän keskeltä",
            "irisen inom ±{max} från ögats mitt",
            "iris within ±{max} of the eye's centre",
        ),
        "geometry.centre_line.limit": ("≤ {max} px", "≤ {max} px", "≤ {max} px"),
        "geometry.crown_to_chin.limit": ("{low}–{high} px", "{low}–{high} px", "{low}–{high} px"),
        "geometry.crown_margin.limit": ("{low}–{high} px", "{low}–{high} px", "{low}–{high} px"),
        "geometry.chin_margin.limit": ("{low}–{high} px", "{low}–{high} px", "{low}–{high} px"),
    }
)

_BORDERLINE = (
    " Päälaki on arvioitu hiusten alta: tarkista apuviivoilla.",
    " Hjässan är uppskattad under håret: kontrollera med hjälplinjerna.",
    " The crown is estimated under the hair: check with the guide lines.",
)
for _key in (
    "geometry.crown_to_chin.too_small",
    "geometry.crown_to_chin.too_large",
    "geometry.crown_margin.too_high",
    "geometry.crown_margin.too_low",
):
    # The measurement sentence of the failure text, then the borderline advice.
    MESSAGES[f"{_key}_borderline"] = tuple(
        text.rsplit(". ", 1)[0] + "." + extra
        for text, extra in zip(MESSAGES[_key], _BORDERLINE, strict=True)
    )


# The checks' limit texts are built in English from the thresholds (registry); these
# phrases give them in Finnish and Swedish. Applied to stored reports too, so a report
# saved once reads right in any language later.
_LIMIT_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("JPEG (baseline, RGB or greyscale)", "JPEG (perusmuotoinen, RGB tai harmaasävy)",
     "JPEG (baseline, RGB eller gråskala)"),
    ("no visible artefacts (JPEG quality", "ei näkyviä pakkaushäiriöitä (JPEG-laatu",
     "inga synliga komprimeringsstörningar (JPEG-kvalitet"),
    ("1 face", "1 kasvot", "1 ansikte"),
    ("roll", "kallistus", "lutning"),
    ("yaw", "kääntö", "vridning"),
    ("pitch", "nyökkäys", "nickning"),
    ("iris within", "iiris", "irisen inom"),
    ("of the eye's centre", "silmän keskeltä", "från ögats mitt"),
    ("lid opening", "luomirako", "ögonspringa"),
    ("of eye width", "silmän leveydestä", "av ögats bredd"),
    ("lip gap", "huulirako", "läppspalt"),
    ("of mouth width", "suun leveydestä", "av munnens bredd"),
    ("smile score", "hymyn voimakkuus", "leendets styrka"),
    ("of the background", "taustasta", "av bakgrunden"),
    ("edges", "reunoja", "kanter"),
    ("face lightness", "kasvojen vaaleus", "ansiktets ljushet"),
    ("lightness", "vaaleus", "ljushet"),
    ("chroma", "värikylläisyys", "kroma"),
    ("face halves differ", "kasvojen puoliskojen ero", "skillnad mellan ansiktshalvorna"),
    ("specular skin", "kiiltävää ihoa", "blank hud"),
    ("red pupil", "punaista pupillissa", "rött i pupillen"),
    ("no lens reflections", "ei heijastuksia", "inga reflexer"),
    ("eye white and iris contrast", "silmänvalkuaisen ja iiriksen kontrasti",
     "kontrast mellan ögonvita och iris"),
    ("no hands", "ei käsiä", "inga händer"),
    ("forehead visible, not in shadow", "otsa näkyvissä, ei varjossa",
     "pannan synlig, inte i skugga"),
    ("blur", "epätarkkuus", "oskärpa"),
    ("noise σ", "kohina σ", "brus σ"),
    ("colour cast", "värisävy", "färgstick"),
)  # fmt: skip


def localise_limit(text: str, lang: str) -> str:
    """A check's limit text in `lang` (the English original for "en" or unknown texts)."""
    if lang not in ("fi", "sv") or not text:
        return text
    column = 1 if lang == "fi" else 2
    for phrase in _LIMIT_PHRASES:
        text = text.replace(phrase[0], phrase[column])
    # Decimal comma, and a space before the per cent sign, as both languages write them.
    text = re.sub(r"(\d)\.(\d)", r"\1,\2", text)
    return re.sub(r"(\d)%", r"\1 %", text)
