"""Well-known people an employee asks about by name: historical figures, scientists, artists,
writers, heads of state and government, German federal and state politicians, business
founders and leaders, athletes, and fictional characters.

Written down by the project from general knowledge (no dataset), one name per line. Kept only
where few private people share the name: "Konrad Adenauer", "Angela Merkel", "Elon Musk" are
in; where a common first name meets a common surname, "Thomas Müller" (a footballer, and
thousands of employees), "Michael Jordan", "Adam Smith", "Gerhard Schröder", the name is out,
and so is a lone name that many people carry as a first name or surname ("Dante", "Schiller",
"Lindner"); titles that are forms of address ("Frau Holle", "Mr. Bean") are out too, since a
form of address marks a private person (:mod:`guardrails.public_figures`). A line of one word
is a name the person is known by alone ("Einstein", "Goethe", "Napoleon"); German and
English spellings are both listed where they differ. Used by :mod:`guardrails.public_figures`.
"""

from __future__ import annotations

PUBLIC_FIGURE_TEXT = """
# German and European history
Karl der Große
Friedrich der Große
Otto von Bismarck
Bismarck
Martin Luther
Johannes Gutenberg
Gutenberg
Kaiser Wilhelm
Wilhelm II.
Ludwig II.
Kaiserin Sisi
Maria Theresia
Friedrich Barbarossa
Karl Marx
Friedrich Engels
Rosa Luxemburg
Karl Liebknecht
Friedrich Ebert
Paul von Hindenburg
Hindenburg
Adolf Hitler
Hitler
Joseph Goebbels
Goebbels
Hermann Göring
Heinrich Himmler
Rudolf Heß
Albert Speer
Sophie Scholl
Hans Scholl
Claus von Stauffenberg
Stauffenberg
Dietrich Bonhoeffer
Anne Frank
Oskar Schindler
Walter Ulbricht
Erich Honecker
Honecker
Erich Mielke
Napoleon
Napoleon Bonaparte
Julius Caesar
Caesar
Cäsar
Augustus
Nero
Kleopatra
Cleopatra
Alexander der Große
Alexander the Great
Dschingis Khan
Genghis Khan
Karl V.
Heinrich VIII.
Henry VIII
Queen Victoria
Elizabeth I
Elisabeth I.
Elizabeth II
Elisabeth II.
Queen Elizabeth
King Charles
Charles III
Prinz Harry
Prince Harry
Prince William
Prinzessin Diana
Princess Diana
Lady Diana
Ludwig XIV.
Louis XIV
Marie Antoinette
Jeanne d'Arc
Joan of Arc
Christoph Kolumbus
Christopher Columbus
Kolumbus
Columbus
Marco Polo
Vasco da Gama
Ferdinand Magellan
Winston Churchill
Churchill
Charles de Gaulle
Josef Stalin
Joseph Stalin
Stalin
Wladimir Lenin
Vladimir Lenin
Lenin
Leo Trotzki
Leon Trotsky
Mao Zedong
Mao Tse-tung
Benito Mussolini
Mussolini
Francisco Franco
Michail Gorbatschow
Mikhail Gorbachev
Gorbatschow
Gorbachev
Boris Jelzin
Boris Yeltsin
Mahatma Gandhi
Gandhi
Nelson Mandela
Mandela
Martin Luther King
Martin Luther King Jr.
Malcolm X
Rosa Parks
Abraham Lincoln
George Washington
Thomas Jefferson
Benjamin Franklin
Franklin D. Roosevelt
Theodore Roosevelt
Dwight D. Eisenhower
Eisenhower
Harry S. Truman
Woodrow Wilson
John F. Kennedy
JFK
Robert Kennedy
Richard Nixon
Ronald Reagan
Margaret Thatcher
Che Guevara
Fidel Castro
Ho Chi Minh
Simón Bolívar
Simon Bolivar
Dalai Lama
Papst Franziskus
Pope Francis
Papst Benedikt XVI.
Pope Benedict XVI
Johannes Paul II.
John Paul II
Mutter Teresa
Mother Teresa
Florence Nightingale
Jesus Christus
Jesus Christ
Buddha
Konfuzius
Confucius
Moses

# German federal chancellors, presidents and politicians
Konrad Adenauer
Adenauer
Ludwig Erhard
Kurt Georg Kiesinger
Willy Brandt
Helmut Kohl
Angela Merkel
Merkel
Olaf Scholz
Friedrich Merz
Theodor Heuss
Heinrich Lübke
Gustav Heinemann
Walter Scheel
Karl Carstens
Richard von Weizsäcker
Roman Herzog
Johannes Rau
Horst Köhler
Christian Wulff
Joachim Gauck
Frank-Walter Steinmeier
Steinmeier
Hans-Dietrich Genscher
Genscher
Wolfgang Schäuble
Schäuble
Franz Josef Strauß
Edmund Stoiber
Horst Seehofer
Markus Söder
Söder
Hubert Aiwanger
Armin Laschet
Annegret Kramp-Karrenbauer
Ursula von der Leyen
Peter Altmaier
Jens Spahn
Karl Lauterbach
Annalena Baerbock
Baerbock
Robert Habeck
Habeck
Christian Lindner
Cem Özdemir
Winfried Kretschmann
Boris Pistorius
Nancy Faeser
Svenja Schulze
Hubertus Heil
Lars Klingbeil
Saskia Esken
Kevin Kühnert
Ricarda Lang
Omid Nouripour
Sahra Wagenknecht
Wagenknecht
Gregor Gysi
Oskar Lafontaine
Alice Weidel
Tino Chrupalla
Björn Höcke
Alexander Gauland
Bodo Ramelow
Manuela Schwesig
Franziska Giffey
Hendrik Wüst
Michael Kretschmer
Reiner Haseloff
Dietmar Woidke
Boris Rhein
Malu Dreyer
Peter Tschentscher
Andreas Bovenschulte
Anke Rehlinger
Bärbel Bas
Julia Klöckner
Dorothee Bär
Volker Wissing
Marco Buschmann
Bettina Stark-Watzinger
Lisa Paus
Steffi Lemke
Katrin Göring-Eckardt
Joschka Fischer
Thomas de Maizière
Norbert Lammert
Guido Westerwelle
Rainer Brüderle
Philipp Rösler
Sigmar Gabriel
Andrea Nahles
Peer Steinbrück

# Heads of state and government, international figures of today
Emmanuel Macron
Macron
Joe Biden
Biden
Donald Trump
Trump
Barack Obama
Obama
Michelle Obama
Hillary Clinton
Bill Clinton
George W. Bush
George H. W. Bush
Kamala Harris
JD Vance
J. D. Vance
Mike Pence
Nancy Pelosi
Bernie Sanders
Alexandria Ocasio-Cortez
Elizabeth Warren
Ron DeSantis
Wladimir Putin
Vladimir Putin
Putin
Wolodymyr Selenskyj
Volodymyr Zelensky
Volodymyr Zelenskyy
Selenskyj
Zelensky
Zelenskyy
Xi Jinping
Kim Jong-un
Kim Jong Un
Recep Tayyip Erdoğan
Recep Tayyip Erdogan
Benjamin Netanjahu
Benjamin Netanyahu
Netanjahu
Netanyahu
Narendra Modi
Keir Starmer
Rishi Sunak
Boris Johnson
Theresa May
Tony Blair
David Cameron
Liz Truss
Giorgia Meloni
Meloni
Silvio Berlusconi
Berlusconi
Mario Draghi
Pedro Sánchez
Viktor Orbán
Viktor Orban
Orbán
Donald Tusk
Mark Rutte
Justin Trudeau
Jacinda Ardern
Luiz Inácio Lula da Silva
Lula da Silva
Jair Bolsonaro
Javier Milei
Claudia Sheinbaum
Cyril Ramaphosa
Antonio Guterres
António Guterres
Ban Ki-moon
Kofi Annan
Jens Stoltenberg
Christine Lagarde
Lagarde
Roberta Metsola
Charles Michel
Jean-Claude Juncker
Alexander Van der Bellen
Sebastian Kurz
Karl Nehammer
Alain Berset
Alexej Nawalny
Alexei Navalny
Nawalny
Navalny
Greta Thunberg
Malala Yousafzai

# Science, medicine and technology
Albert Einstein
Einstein
Isaac Newton
Galileo Galilei
Galileo
Nikolaus Kopernikus
Nicolaus Copernicus
Kopernikus
Copernicus
Johannes Kepler
Kepler
Charles Darwin
Darwin
Marie Curie
Pierre Curie
Max Planck
Werner Heisenberg
Heisenberg
Erwin Schrödinger
Schrödinger
Niels Bohr
Richard Feynman
Feynman
Stephen Hawking
Hawking
Carl Friedrich Gauß
Carl Friedrich Gauss
Gauß
Leonhard Euler
Gottfried Wilhelm Leibniz
Leibniz
Bernhard Riemann
David Hilbert
Emmy Noether
Alan Turing
Turing
Ada Lovelace
Charles Babbage
John von Neumann
Konrad Zuse
Claude Shannon
Tim Berners-Lee
Grace Hopper
Linus Torvalds
Guido van Rossum
Dennis Ritchie
Ken Thompson
Edsger Dijkstra
Dijkstra
Donald Knuth
Alexander von Humboldt
Wilhelm von Humboldt
Rudolf Virchow
Wilhelm Conrad Röntgen
Röntgen
Alexander Fleming
Louis Pasteur
Pasteur
Sigmund Freud
Freud
Carl Gustav Jung
Nikola Tesla
Thomas Edison
Thomas Alva Edison
Edison
Alexander Graham Bell
Gregor Mendel
Dmitri Mendelejew
Dmitri Mendeleev
Archimedes
Euklid
Euclid
Pythagoras
Hippokrates
Hippocrates
Rosalind Franklin
Francis Crick
Lise Meitner
Robert Oppenheimer
J. Robert Oppenheimer
Oppenheimer
Wernher von Braun
Neil Armstrong
Buzz Aldrin
Juri Gagarin
Yuri Gagarin
Alexander Gerst
Sigmund Jähn
Christian Drosten
Drosten
Anthony Fauci
Geoffrey Hinton
Yann LeCun
Yoshua Bengio
Demis Hassabis
Fei-Fei Li
Ilya Sutskever
Andrej Karpathy

# Philosophy
Aristoteles
Aristotle
Platon
Plato
Sokrates
Socrates
Immanuel Kant
Kant
Georg Wilhelm Friedrich Hegel
Hegel
Friedrich Nietzsche
Nietzsche
Arthur Schopenhauer
Schopenhauer
Martin Heidegger
Heidegger
Ludwig Wittgenstein
Wittgenstein
René Descartes
Descartes
Jean-Jacques Rousseau
Voltaire
John Locke
Thomas Hobbes
Hobbes
David Hume
Niccolò Machiavelli
Machiavelli
Baruch de Spinoza
Spinoza
Søren Kierkegaard
Kierkegaard
Jean-Paul Sartre
Sartre
Simone de Beauvoir
Albert Camus
Camus
Hannah Arendt
Jürgen Habermas
Habermas
Theodor W. Adorno
Theodor Adorno
Adorno
Karl Popper
Montesquieu
Thomas von Aquin
Thomas Aquinas
Augustinus
Seneca
Mark Aurel
Marcus Aurelius
Epikur
Epicurus
John Maynard Keynes
Keynes
Milton Friedman
Friedrich August von Hayek

# Literature
Johann Wolfgang von Goethe
Goethe
Friedrich Schiller
Gotthold Ephraim Lessing
Heinrich Heine
Hermann Hesse
Franz Kafka
Bertolt Brecht
Brecht
Günter Grass
Heinrich Böll
Erich Kästner
Theodor Fontane
Fontane
Rainer Maria Rilke
Rilke
Friedrich Hölderlin
Hölderlin
Novalis
E. T. A. Hoffmann
Georg Büchner
Stefan Zweig
Erich Maria Remarque
Christa Wolf
Elfriede Jelinek
Patrick Süskind
Daniel Kehlmann
Juli Zeh
Cornelia Funke
Michael Ende
Astrid Lindgren
Brüder Grimm
Gebrüder Grimm
Brothers Grimm
Jacob Grimm
Wilhelm Grimm
Hans Christian Andersen
William Shakespeare
Shakespeare
Charles Dickens
Dickens
Jane Austen
Virginia Woolf
James Joyce
Oscar Wilde
George Orwell
Orwell
Aldous Huxley
J. R. R. Tolkien
J.R.R. Tolkien
Tolkien
J. K. Rowling
J.K. Rowling
Agatha Christie
Arthur Conan Doyle
Mark Twain
Ernest Hemingway
Hemingway
F. Scott Fitzgerald
Edgar Allan Poe
Herman Melville
Stephen King
Leo Tolstoy
Leo Tolstoi
Lew Tolstoi
Tolstoi
Tolstoy
Fjodor Dostojewski
Fyodor Dostoevsky
Dostojewski
Dostoevsky
Anton Tschechow
Anton Chekhov
Alexander Puschkin
Alexander Pushkin
Dante Alighieri
Miguel de Cervantes
Gabriel García Márquez
Ovid
Vergil
Victor Hugo
Molière
Marcel Proust
Proust
Umberto Eco
Paulo Coelho
Haruki Murakami
Toni Morrison
Maya Angelou

# Music
Ludwig van Beethoven
Beethoven
Wolfgang Amadeus Mozart
Mozart
Johann Sebastian Bach
Georg Friedrich Händel
George Frideric Handel
Händel
Joseph Haydn
Johannes Brahms
Brahms
Richard Wagner
Felix Mendelssohn Bartholdy
Felix Mendelssohn
Frédéric Chopin
Chopin
Franz Liszt
Antonio Vivaldi
Vivaldi
Giuseppe Verdi
Verdi
Giacomo Puccini
Puccini
Pjotr Tschaikowski
Pyotr Tchaikovsky
Tschaikowski
Tchaikovsky
Igor Strawinsky
Igor Stravinsky
Gustav Mahler
Claude Debussy
Elvis Presley
Elvis
The Beatles
John Lennon
Paul McCartney
Ringo Starr
George Harrison
Mick Jagger
David Bowie
Freddie Mercury
Bob Dylan
Bob Marley
Jimi Hendrix
Madonna
Beyoncé
Beyonce
Taylor Swift
Rihanna
Lady Gaga
Ed Sheeran
Billie Eilish
Herbert Grönemeyer
Udo Lindenberg
Udo Jürgens
Marius Müller-Westernhagen
Campino
Dieter Bohlen

# Visual art, architecture and film
Leonardo da Vinci
Da Vinci
Michelangelo
Rembrandt
Rembrandt van Rijn
Albrecht Dürer
Dürer
Vincent van Gogh
Van Gogh
Claude Monet
Monet
Pablo Picasso
Picasso
Salvador Dalí
Salvador Dali
Frida Kahlo
Andy Warhol
Gustav Klimt
Klimt
Paul Klee
Wassily Kandinsky
Kandinsky
Caspar David Friedrich
Joseph Beuys
Banksy
Walter Gropius
Ludwig Mies van der Rohe
Le Corbusier
Zaha Hadid
Charlie Chaplin
Chaplin
Alfred Hitchcock
Hitchcock
Steven Spielberg
Spielberg
Stanley Kubrick
Quentin Tarantino
Tarantino
Christopher Nolan
Martin Scorsese
Marlene Dietrich
Romy Schneider
Rainer Werner Fassbinder
Wim Wenders
Til Schweiger
Christoph Waltz
Marilyn Monroe
Audrey Hepburn
Leonardo DiCaprio
Brad Pitt
Angelina Jolie
Tom Hanks
Meryl Streep
Arnold Schwarzenegger
Schwarzenegger
Oprah Winfrey
Walt Disney

# Business and technology leaders
Elon Musk
Musk
Bill Gates
Steve Jobs
Steve Wozniak
Jeff Bezos
Bezos
Mark Zuckerberg
Zuckerberg
Larry Page
Sergey Brin
Sundar Pichai
Satya Nadella
Nadella
Sam Altman
Jensen Huang
Warren Buffett
Buffett
Jack Dorsey
Peter Thiel
Reed Hastings
Henry Ford
Carl Benz
Gottlieb Daimler
Ferdinand Porsche
Werner von Siemens
Rudolf Diesel
Adolf Dassler
Hasso Plattner
Dietmar Hopp
Dieter Zetsche
Richard Branson
Coco Chanel
Karl Lagerfeld
Lagerfeld
Jil Sander

# Sport
Franz Beckenbauer
Beckenbauer
Lothar Matthäus
Jürgen Klinsmann
Oliver Kahn
Manuel Neuer
Miroslav Klose
Philipp Lahm
Bastian Schweinsteiger
Toni Kroos
Joshua Kimmich
Jamal Musiala
Florian Wirtz
Jürgen Klopp
Klopp
Joachim Löw
Julian Nagelsmann
Hansi Flick
Pep Guardiola
Guardiola
José Mourinho
Lionel Messi
Messi
Cristiano Ronaldo
Pelé
Pele
Diego Maradona
Maradona
Zinédine Zidane
Zidane
Kylian Mbappé
Kylian Mbappe
Mbappé
Erling Haaland
Haaland
David Beckham
Beckham
Sebastian Vettel
Vettel
Lewis Hamilton
Max Verstappen
Verstappen
Niki Lauda
Ayrton Senna
Boris Becker
Steffi Graf
Roger Federer
Federer
Rafael Nadal
Nadal
Novak Djokovic
Djokovic
Serena Williams
Alexander Zverev
Dirk Nowitzki
Nowitzki
LeBron James
Kobe Bryant
Muhammad Ali
Usain Bolt
Michael Phelps
Tiger Woods
Katarina Witt
Magdalena Neuner
Wladimir Klitschko
Vitali Klitschko
Klitschko

# Myths and legends
Zeus
Apollo
Apollon
Artemis
Athene
Athena
Aphrodite
Poseidon
Hera
Hephaistos
Hephaestus
Dionysos
Dionysus
Prometheus
Herkules
Hercules
Herakles
Achilles
Odysseus
Ödipus
Oedipus
Odin
Loki
Siegfried der Drachentöter
König Artus
King Arthur
Merlin
Robin Hood
Wilhelm Tell

# Fictional characters
Harry Potter
Hermine Granger
Hermione Granger
Ron Weasley
Albus Dumbledore
Dumbledore
Lord Voldemort
Voldemort
Frodo Beutlin
Frodo Baggins
Gandalf
Bilbo Beutlin
Bilbo Baggins
Sherlock Holmes
Hercule Poirot
James Bond
Julia Capulet
Romeo und Julia
Romeo and Juliet
Hamlet
Faust
Mephisto
Mephistopheles
Don Quijote
Don Quixote
Robinson Crusoe
Winnetou
Old Shatterhand
Pippi Langstrumpf
Pippi Longstocking
Rotkäppchen
Schneewittchen
Aschenputtel
Dornröschen
Hänsel und Gretel
Rumpelstilzchen
Max und Moritz
Struwwelpeter
Der kleine Prinz
Little Prince
Peter Pan
Alice im Wunderland
Alice in Wonderland
Mickey Mouse
Micky Maus
Donald Duck
Dagobert Duck
Scrooge McDuck
Homer Simpson
Bart Simpson
Luke Skywalker
Darth Vader
Han Solo
Prinzessin Leia
Princess Leia
Yoda
Indiana Jones
Batman
Superman
Spider-Man
Bruce Wayne
Clark Kent
Wonder Woman
Tony Stark
Iron Man
Captain America
Mary Poppins
Dracula
Frankenstein
Tarzan
Asterix
Obelix
Tim und Struppi
Tintin
Pumuckl
Biene Maja
Sandmännchen
Benjamin Blümchen
Bibi Blocksberg
Moby Dick
Captain Ahab
Kapitän Ahab
Ebenezer Scrooge
Jay Gatsby
Atticus Finch
Holden Caulfield
Forrest Gump
Jon Snow
Daenerys Targaryen
Tyrion Lannister
"""
